package se.arkiv.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RetentionStart;

/**
 * A record as an OpenSearch document: the same fields as {@link RecordDocuments} writes to Lucene,
 * analysed by the mapping {@link OpenSearchIndexes} creates.
 */
final class OpenSearchDocuments {

  /** The document date as ISO text, for hits; {@code documentDate} itself is the epoch day. */
  static final String DOCUMENT_DATE_TEXT = "documentDateText";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenSearchDocuments() {}

  static ObjectNode of(RecordMetadata record, String text) {
    ObjectNode doc = JSON.objectNode();
    doc.put(IndexFields.ID, record.id().value());
    doc.put(IndexFields.VERSION, record.version());
    String title = record.title();
    doc.put(IndexFields.TITLE, title);
    // Once each: the stemmed fields are sub-fields of the exact ones (OpenSearchIndexes).
    doc.put(IndexFields.TITLE_EXACT, title);
    if (text != null && !text.isEmpty()) {
      doc.put(IndexFields.TEXT_EXACT, text);
    }
    keyword(doc, IndexFields.RECORD_CLASS, record.recordClass());
    keyword(doc, IndexFields.DEPARTMENT, record.department());
    keyword(doc, IndexFields.MEDIA_TYPE, record.mediaType());
    keyword(doc, IndexFields.LANGUAGE, record.extraction().language());
    keyword(doc, IndexFields.EXTRACTION, record.extraction().status().name());
    if (record.extraction().failure() != null) {
      keyword(doc, IndexFields.EXTRACTION_FAILURE, record.extraction().failure().name());
    }
    if (record.extraction().truncation() != null) {
      keyword(doc, IndexFields.TRUNCATION, record.extraction().truncation().name());
    }
    keyword(doc, IndexFields.SHA256, record.sha256());
    if (record.restriction() != null) {
      keyword(doc, IndexFields.RESTRICTED, "true");
    }
    for (String tag : record.tags()) {
      keyword(doc, IndexFields.TAG, tag);
    }
    for (Map.Entry<String, String> key : record.keys().present().entrySet()) {
      keyword(doc, key.getKey(), key.getValue());
    }
    record
        .extraction()
        .foundKeys()
        .byField()
        .forEach((field, values) -> values.forEach(value -> keyword(doc, field, value)));
    Double ocr = record.extraction().lowestOcrConfidence();
    if (ocr != null) {
      doc.put(IndexFields.OCR_CONFIDENCE, (int) Math.floor(ocr));
    }
    if (record.documentDate() != null) {
      doc.put(IndexFields.DOCUMENT_DATE, record.documentDate().toEpochDay());
      doc.put(DOCUMENT_DATE_TEXT, record.documentDate().toString());
    }
    keyword(doc, IndexFields.YEAR, Integer.toString(record.writtenOn().getYear()));
    doc.put(IndexFields.FILED_AT, record.filedAt().toEpochMilli());
    doc.put(IndexFields.RETENTION_FROM, RetentionStart.earliest(record).toEpochDay());
    return doc;
  }

  /** A keyword value; a field given several (tags, found keys) becomes an array. */
  private static void keyword(ObjectNode doc, String name, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (!doc.has(name)) {
      doc.put(name, value);
      return;
    }
    if (doc.get(name).isArray()) {
      ((ArrayNode) doc.get(name)).add(value);
      return;
    }
    ArrayNode values = JSON.arrayNode().add(doc.get(name).asText()).add(value);
    doc.set(name, values);
  }
}
