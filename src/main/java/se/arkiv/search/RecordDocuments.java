package se.arkiv.search;

import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RetentionStart;

/** Turns a record's current metadata and text into the Lucene document that stands for it. */
final class RecordDocuments {

  /**
   * The exact text keeps positions (quoted phrases) and offsets in the postings, so the highlighter
   * reads where each match is from the index instead of analysing every hit's text again; {@link
   * Snippets} marks stemmed matches from these offsets too.
   */
  private static final FieldType EXACT_TEXT =
      textField(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);

  /**
   * Stemmed words are matched one by one, never as a phrase (ArkivQueryParser sends phrases to the
   * exact fields), so they keep documents and frequencies for scoring, and no positions: positions
   * and offsets of the two stemmed text fields were 30 % of the index.
   */
  private static final FieldType STEMMED = textField(IndexOptions.DOCS_AND_FREQS);

  private RecordDocuments() {}

  private static FieldType textField(IndexOptions options) {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(options);
    type.freeze();
    return type;
  }

  static Document of(RecordMetadata record, String text) {
    Document doc = new Document();
    String id = record.id().value();
    // Not stored: a hit reads its id from the doc values, which sorting needs anyway.
    doc.add(new StringField(IndexFields.ID, id, Field.Store.NO));
    doc.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
    doc.add(new NumericDocValuesField(IndexFields.VERSION, record.version()));
    title(doc, record.title());
    text(doc, text);

    keyword(doc, IndexFields.RECORD_CLASS, record.recordClass(), true);
    keyword(doc, IndexFields.DEPARTMENT, record.department(), true);
    keyword(doc, IndexFields.MEDIA_TYPE, record.mediaType(), false);
    keyword(doc, IndexFields.LANGUAGE, record.extraction().language(), false);
    keyword(doc, IndexFields.EXTRACTION, record.extraction().status().name(), false);
    if (record.extraction().failure() != null) {
      keyword(doc, IndexFields.EXTRACTION_FAILURE, record.extraction().failure().name(), false);
    }
    if (record.extraction().truncation() != null) {
      keyword(doc, IndexFields.TRUNCATION, record.extraction().truncation().name(), false);
    }
    keyword(doc, IndexFields.SHA256, record.sha256(), false);
    if (record.restriction() != null) {
      keyword(doc, IndexFields.RESTRICTED, "true", false);
    }
    for (String tag : record.tags()) {
      keyword(doc, IndexFields.TAG, tag, false);
    }
    for (Map.Entry<String, String> key : record.keys().present().entrySet()) {
      keyword(doc, key.getKey(), key.getValue(), false);
    }
    record
        .extraction()
        .foundKeys()
        .byField()
        .forEach((field, values) -> values.forEach(value -> keyword(doc, field, value, false)));

    Double ocr = record.extraction().lowestOcrConfidence();
    if (ocr != null) {
      // The weakest OCR'd page, so clerks can find scans worth checking by eye.
      doc.add(new IntPoint(IndexFields.OCR_CONFIDENCE, (int) Math.floor(ocr)));
    }
    if (record.documentDate() != null) {
      long day = record.documentDate().toEpochDay();
      doc.add(new LongPoint(IndexFields.DOCUMENT_DATE, day));
      doc.add(new NumericDocValuesField(IndexFields.DOCUMENT_DATE, day));
      doc.add(new StoredField(IndexFields.DOCUMENT_DATE, record.documentDate().toString()));
    }
    // Years are counted as the bank counts them, in Stockholm.
    keyword(doc, IndexFields.YEAR, Integer.toString(record.writtenOn().getYear()), false);
    long filedAt = record.filedAt().toEpochMilli();
    doc.add(new LongPoint(IndexFields.FILED_AT, filedAt));
    doc.add(new NumericDocValuesField(IndexFields.FILED_AT, filedAt));
    doc.add(
        new LongPoint(IndexFields.RETENTION_FROM, RetentionStart.earliest(record).toEpochDay()));
    return doc;
  }

  /**
   * The title, stored for hits, and indexed exact (positions, for phrases) and stemmed in both
   * languages (no positions: stemmed words are never matched as a phrase).
   */
  private static void title(Document doc, String title) {
    doc.add(new StoredField(IndexFields.TITLE, title));
    doc.add(new TextField(IndexFields.TITLE_EXACT, title, Field.Store.NO));
    doc.add(new Field(IndexFields.TITLE_SV, title, STEMMED));
    doc.add(new Field(IndexFields.TITLE_EN, title, STEMMED));
  }

  /** The extracted text, stored once for snippets, and indexed exact and stemmed. */
  private static void text(Document doc, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    doc.add(new StoredField(IndexFields.BODY, text));
    doc.add(new Field(IndexFields.TEXT_EXACT, text, EXACT_TEXT));
    doc.add(new Field(IndexFields.TEXT_SV, text, STEMMED));
    doc.add(new Field(IndexFields.TEXT_EN, text, STEMMED));
  }

  /**
   * A field matched as typed (no norms: a keyword has no length to score by); {@code stored} ones
   * are shown in hits, facetted ones counted from their doc values.
   */
  private static void keyword(Document doc, String name, String value, boolean stored) {
    if (value == null || value.isEmpty()) {
      return;
    }
    doc.add(new StringField(name, value, stored ? Field.Store.YES : Field.Store.NO));
    if (IndexFields.FACETS.contains(name)) {
      doc.add(new SortedSetDocValuesField(name, new BytesRef(value)));
    }
  }
}
