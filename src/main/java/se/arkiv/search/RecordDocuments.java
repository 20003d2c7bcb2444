package se.arkiv.search;

import java.time.ZoneId;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
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

  /** Years are counted as the bank counts them, in Stockholm. */
  private static final ZoneId LEGAL_ZONE = ZoneId.of("Europe/Stockholm");

  /**
   * The text fields keep their offsets in the postings, so the highlighter reads where each match
   * is from the index instead of analysing every hit's text again (three times, once per field).
   */
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  private RecordDocuments() {}

  private static FieldType textWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  static Document of(RecordMetadata record, String text) {
    Document doc = new Document();
    String id = record.id().value();
    doc.add(new StringField(IndexFields.ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
    doc.add(new NumericDocValuesField(IndexFields.VERSION, record.version()));

    doc.add(new StoredField(IndexFields.TITLE, record.title()));
    doc.add(new TextField(IndexFields.TITLE_EXACT, record.title(), Field.Store.NO));
    doc.add(new TextField(IndexFields.TITLE_SV, record.title(), Field.Store.NO));
    doc.add(new TextField(IndexFields.TITLE_EN, record.title(), Field.Store.NO));
    if (text != null && !text.isEmpty()) {
      doc.add(new StoredField(IndexFields.BODY, text));
      doc.add(new Field(IndexFields.TEXT_EXACT, text, TEXT_WITH_OFFSETS));
      doc.add(new Field(IndexFields.TEXT_SV, text, TEXT_WITH_OFFSETS));
      doc.add(new Field(IndexFields.TEXT_EN, text, TEXT_WITH_OFFSETS));
    }

    keyword(doc, IndexFields.RECORD_CLASS, record.recordClass(), true);
    keyword(doc, IndexFields.DEPARTMENT, record.department(), true);
    keyword(doc, IndexFields.MEDIA_TYPE, record.mediaType(), true);
    keyword(doc, IndexFields.LANGUAGE, record.extraction().language(), true);
    keyword(doc, IndexFields.EXTRACTION, record.extraction().status().name(), false);
    if (record.extraction().failure() != null) {
      keyword(doc, IndexFields.EXTRACTION_FAILURE, record.extraction().failure().name(), false);
    }
    if (record.extraction().truncation() != null) {
      keyword(doc, IndexFields.TRUNCATION, record.extraction().truncation().name(), false);
    }
    keyword(doc, IndexFields.SHA256, record.sha256(), false);
    for (String tag : record.tags()) {
      keyword(doc, IndexFields.TAG, tag, false);
    }
    for (Map.Entry<String, String> key : record.keys().present().entrySet()) {
      keyword(doc, key.getKey(), key.getValue(), false);
    }

    Double ocr = record.extraction().lowestOcrConfidence();
    if (ocr != null) {
      // The weakest OCR'd page, so clerks can find scans worth checking by eye.
      doc.add(
          new org.apache.lucene.document.IntPoint(
              IndexFields.OCR_CONFIDENCE, (int) Math.floor(ocr)));
    }
    int year;
    if (record.documentDate() != null) {
      long day = record.documentDate().toEpochDay();
      doc.add(new LongPoint(IndexFields.DOCUMENT_DATE, day));
      doc.add(new NumericDocValuesField(IndexFields.DOCUMENT_DATE, day));
      doc.add(new StoredField(IndexFields.DOCUMENT_DATE, record.documentDate().toString()));
      year = record.documentDate().getYear();
    } else {
      year = record.filedAt().atZone(LEGAL_ZONE).getYear();
    }
    keyword(doc, IndexFields.YEAR, Integer.toString(year), true);
    long filedAt = record.filedAt().toEpochMilli();
    doc.add(new LongPoint(IndexFields.FILED_AT, filedAt));
    doc.add(new NumericDocValuesField(IndexFields.FILED_AT, filedAt));
    doc.add(
        new LongPoint(IndexFields.RETENTION_FROM, RetentionStart.earliest(record).toEpochDay()));
    return doc;
  }

  /** A field matched as typed; {@code stored} ones are shown in hits, facetted ones counted. */
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
