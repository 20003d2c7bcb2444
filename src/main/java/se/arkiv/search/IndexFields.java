package se.arkiv.search;

import java.util.List;
import java.util.stream.Stream;
import se.arkiv.record.EntityKind;

/**
 * Field names of the index and what each is for. Text is indexed three times: exact (lower-cased
 * words, for quoted phrases and wildcards; with positions and offsets) and stemmed in Swedish and
 * in English (words and frequencies only), so that {@code bokföring} finds {@code bokföringen}
 * without knowing the document's language. docs/benchmarks.md ("Index size and a fair search
 * baseline") has what each field costs.
 */
final class IndexFields {

  /**
   * Unique record id: term for updates, sorted doc values as the cursor's tie-breaker and for a
   * hit's id (not stored).
   */
  static final String ID = "id";

  /** Metadata version indexed, as doc values: the catch-up compares it with the store. */
  static final String VERSION = "version";

  static final String TITLE = "title";
  static final String TITLE_EXACT = "title_exact";
  static final String TITLE_SV = "title_sv";
  static final String TITLE_EN = "title_en";

  /** The extracted text, stored once, for the snippets (marked from the exact field's offsets). */
  static final String BODY = "body";

  static final String TEXT_EXACT = "text_exact";
  static final String TEXT_SV = "text_sv";
  static final String TEXT_EN = "text_en";

  static final String RECORD_CLASS = "recordClass";
  static final String DEPARTMENT = "department";
  static final String MEDIA_TYPE = "mediaType";
  static final String LANGUAGE = "language";
  static final String EXTRACTION = "extractionStatus";

  /** Why extraction failed (TIMEOUT, ENCRYPTED, ...), or which budget ended it early. */
  static final String EXTRACTION_FAILURE = "extractionFailure";

  static final String TRUNCATION = "truncation";
  static final String TAG = "tag";
  static final String SHA256 = "sha256";
  static final String YEAR = "year";

  /** Epoch day as a point (range filters) and doc values (sorting); ISO text stored. */
  static final String DOCUMENT_DATE = "documentDate";

  /** The lowest OCR confidence of any page (0-100), as a point; absent when nothing was OCR'd. */
  static final String OCR_CONFIDENCE = "ocrConfidence";

  /** Epoch milliseconds as a point and doc values; ISO text stored. */
  static final String FILED_AT = "filedAt";

  /**
   * Epoch day of {@code RetentionStart.earliest}, as a point: disposition asks for the records of a
   * class whose retention may have ended by then, instead of reading every record's metadata.
   */
  static final String RETENTION_FROM = "retentionFrom";

  /**
   * The keys found in the text ({@code personnummer}, {@code iban}, ...), one keyword field each,
   * in their normalised form; a query's value is normalised the same way before it is matched.
   */
  static final List<String> FOUND_KEYS =
      Stream.of(EntityKind.values()).map(EntityKind::fieldName).toList();

  /**
   * "true" on a restricted record (an erasure request it must outlive by law): ordinary search
   * leaves it out, while legal holds and disposition still find it. Not a field a query may name.
   */
  static final String RESTRICTED = "restricted";

  /** Keyword fields a query may name, besides title and text. */
  static final List<String> KEYWORDS =
      Stream.concat(
              Stream.of(
                  RECORD_CLASS,
                  DEPARTMENT,
                  MEDIA_TYPE,
                  LANGUAGE,
                  EXTRACTION,
                  EXTRACTION_FAILURE,
                  TRUNCATION,
                  TAG,
                  SHA256,
                  YEAR,
                  "customerId",
                  "accountId",
                  "employeeId",
                  "counterparty",
                  "caseId"),
              FOUND_KEYS.stream())
          .toList();

  static final List<String> FACETS = List.of(RECORD_CLASS, DEPARTMENT, YEAR, MEDIA_TYPE, LANGUAGE);

  private IndexFields() {}
}
