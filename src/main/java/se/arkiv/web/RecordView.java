package se.arkiv.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.Provenance;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.Restriction;
import se.arkiv.retention.Retention;

/** A record as the API shows it: its current metadata version. */
record RecordView(
    String id,
    int version,
    String recordClass,
    String title,
    String fileName,
    String mediaType,
    long size,
    String sha256,
    String department,
    LocalDate documentDate,
    LocalDate fiscalYearEnd,
    BusinessKeys keys,
    List<String> tags,
    Instant filedAt,
    String filedBy,
    Extraction extraction,
    Retention retention,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) Restriction restriction) {

  static RecordView of(RecordMetadata m, Retention retention) {
    return new RecordView(
        m.id().value(),
        m.version(),
        m.recordClass(),
        m.title(),
        m.fileName(),
        m.mediaType(),
        m.size(),
        m.sha256(),
        m.department(),
        m.documentDate(),
        m.fiscalYearEnd(),
        m.keys(),
        m.tags(),
        m.filedAt(),
        m.filedBy(),
        m.extraction(),
        retention,
        m.provenance(),
        m.restriction());
  }
}
