package se.arkiv.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

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

  /**
   * Nanoseconds since the epoch, as a point for time ranges: exact to the entry's own time; and as
   * doc values, to sort the entries of several chains by time ({@link #TIME_ORDER}).
   */
  static final String TIME = "time";

  /**
   * The chain the entry was indexed from, by {@link AuditChain#name} ("-" for the only node's): a
   * keyword, to find how far the index holds each chain, and sorted doc values, to order entries of
   * the same instant.
   */
  static final String NODE = "node";

  /**
   * The sequence number again, as a point of a field of the entry's chain's own ({@code
   * seq@<chain>}): its largest is how far the index holds that chain, read without a search.
   */
  static String seqOf(AuditChain chain) {
    return SEQ + CHAIN_SEQ + chain.name();
  }

  static final String CHAIN_SEQ = "@";

  /** Everything the entry says ({@link #freeText}), analysed, for the free-text query. */
  static final String TEXT = "text";

  /**
   * The entry's JSON, stored, so that a page of hits is read from the index rather than from a
   * segment per hit. The chain itself is verified from the segments, never from here.
   */
  static final String JSON = "json";

  /** Trail order: documents are added in it, and each index segment is kept in it. */
  static final Sort TRAIL_ORDER = new Sort(new SortField(SEQ, SortField.Type.LONG));

  /** The order of entries from several chains: by time, then chain, then sequence number. */
  static final Sort TIME_ORDER =
      new Sort(
          new SortField(TIME, SortField.Type.LONG),
          new SortField(NODE, SortField.Type.STRING),
          new SortField(SEQ, SortField.Type.LONG));

  /** {@link #TIME_ORDER} for entries read from the trail rather than from the index. */
  static final Comparator<AuditEntry> IN_TIME_ORDER =
      Comparator.comparingLong((AuditEntry e) -> nanos(e.time()))
          .thenComparing(e -> new AuditChain(e.node()).name())
          .thenComparingLong(AuditEntry::seq);

  /**
   * Free text is names, ids, reasons and queries, in Swedish and English: split and lower-cased,
   * neither stemmed nor stopped, so that what an auditor types finds exactly what was written.
   */
  static final Analyzer ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);

  private AuditDocuments() {}

  static Document of(AuditChain chain, AuditEntry entry, String json) {
    Document doc = new Document();
    doc.add(new LongPoint(SEQ, entry.seq()));
    doc.add(new NumericDocValuesField(SEQ, entry.seq()));
    doc.add(new LongPoint(seqOf(chain), entry.seq()));
    doc.add(new SortedDocValuesField(NODE, new BytesRef(chain.name())));
    doc.add(new NumericDocValuesField(TIME, nanos(entry.time())));
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
