package se.arkiv.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** The Lucene document of one audit entry; each field's reason beside it. */
final class AuditDocuments {

  /**
   * The sequence number: a point, so that the index knows how far it reaches (its largest); doc
   * values, because the index is sorted by it, so that documents come back in trail order.
   */
  static final String SEQ = "seq";

  /** Exact, as {@link AuditQuery#matches} compares them: keywords, not analysed. */
  static final String ACTOR = "actor";

  static final String TARGET = "target";

  /** A keyword too: a prefix query over its terms is what {@code startsWith} is. */
  static final String ACTION = "action";

  /** Nanoseconds since the epoch, as a point for time ranges: exact to the entry's own time. */
  static final String TIME = "time";

  /** Everything the entry says ({@link #freeText}), analysed, for the free-text query. */
  static final String TEXT = "text";

  /**
   * The entry's JSON, stored, so that a page of hits is read from the index rather than from a
   * segment per hit. The chain itself is verified from the segments, never from here.
   */
  static final String JSON = "json";

  /** Trail order: documents are added in it, and each index segment is kept in it. */
  static final Sort TRAIL_ORDER = new Sort(new SortField(SEQ, SortField.Type.LONG));

  /**
   * Free text is names, ids, reasons and queries, in Swedish and English: split and lower-cased,
   * neither stemmed nor stopped, so that what an auditor types finds exactly what was written.
   */
  static final Analyzer ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);

  private AuditDocuments() {}

  static Document of(AuditEntry entry, String json) {
    Document doc = new Document();
    doc.add(new LongPoint(SEQ, entry.seq()));
    doc.add(new NumericDocValuesField(SEQ, entry.seq()));
    keyword(doc, ACTOR, entry.actor());
    keyword(doc, TARGET, entry.target());
    keyword(doc, ACTION, entry.action());
    doc.add(new LongPoint(TIME, nanos(entry.time())));
    doc.add(new TextField(TEXT, freeText(entry), Field.Store.NO));
    doc.add(new StoredField(JSON, json));
    return doc;
  }

  private static void keyword(Document doc, String field, String value) {
    if (value != null) {
      doc.add(new StringField(field, value, Field.Store.NO));
    }
  }

  /**
   * What free text searches: who, from where, what, on what, why, and every value of the details
   * and of the fields before and after a change (a search's query, a corrected title).
   */
  static String freeText(AuditEntry entry) {
    StringJoiner text = new StringJoiner("\n");
    add(text, entry.actor());
    add(text, entry.roles());
    add(text, entry.client());
    add(text, entry.action());
    add(text, entry.target());
    add(text, entry.outcome());
    add(text, entry.reason());
    add(text, entry.details());
    add(text, entry.before());
    add(text, entry.after());
    return text.toString();
  }

  private static void add(StringJoiner text, Object value) {
    if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> add(text, v));
    } else if (value instanceof Collection<?> values) {
      values.forEach(v -> add(text, v));
    } else if (value != null) {
      text.add(value.toString());
    }
  }

  /** Saturated at the ends of a long's range (about the years 1677 and 2262). */
  static long nanos(Instant time) {
    try {
      return Math.addExact(
          Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    } catch (ArithmeticException e) {
      return time.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
