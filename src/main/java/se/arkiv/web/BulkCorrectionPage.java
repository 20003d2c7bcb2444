package se.arkiv.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.access.CorrectionRights;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.RecordMetadata;
import se.arkiv.security.Actor;

/**
 * A records manager's correction of one field on a selection of records: a confirmation that says
 * how many records it touches, then one correction per record through the record page's own path
 * (rights, a new metadata version, an audit entry each). Every record is checked before the first
 * is changed, so a held record or one out of scope refuses the whole batch, not half of it.
 */
@UiPage
class BulkCorrectionPage {

  /** A batch larger than this is a migration, not a correction. */
  static final int LIMIT = 1000;

  /** The fields offered, as the form names them. */
  static final List<String> FIELDS =
      List.of(
          "department",
          "documentDate",
          "fiscalYearEnd",
          "addTag",
          "customerId",
          "accountId",
          "employeeId",
          "counterparty",
          "caseId");

  private final ScopedRecords records;
  private final RecordController corrections;
  private final CorrectionRights rights;
  private final AuditRecorder audit;
  private final FilingService filing;

  BulkCorrectionPage(
      ScopedRecords records,
      RecordController corrections,
      CorrectionRights rights,
      AuditRecorder audit,
      FilingService filing) {
    this.filing = filing;
    this.records = records;
    this.corrections = corrections;
    this.rights = rights;
    this.audit = audit;
  }

  @GetMapping("/bulk/correct")
  String confirm(
      @RequestParam(name = "recordIds", required = false) List<String> recordIds,
      @RequestParam(defaultValue = "") String query,
      Model model) {
    model.addAttribute("recordIds", ids(recordIds));
    model.addAttribute("query", query);
    model.addAttribute("fields", FIELDS);
    return "bulk-correct";
  }

  @PostMapping("/bulk/correct")
  String correct(
      @RequestParam(name = "recordIds", required = false) List<String> recordIds,
      @RequestParam(defaultValue = "") String field,
      @RequestParam(defaultValue = "") String value,
      @RequestParam(defaultValue = "") String reason,
      Principal user,
      Model model) {
    List<String> ids = ids(recordIds);
    if (!FIELDS.contains(field)) {
      throw new InvalidFilingRequest("field: one of " + FIELDS + ", not '" + field + "'");
    }
    if (reason.isBlank()) {
      throw new InvalidFilingRequest("reason is required for a correction");
    }
    Actor actor = audit.actor();
    Map<RecordMetadata, MetadataCorrection> planned = new LinkedHashMap<>();
    for (String id : ids) {
      RecordMetadata record = records.find(id, "record.correct");
      MetadataCorrection correction = correction(record, field, value.strip(), reason.strip());
      rights.check(actor, record, correction);
      filing.check(record, correction); // a 21st tag on the second record refused the batch late
      planned.put(record, correction);
    }
    planned.forEach(
        (record, correction) -> corrections.correct(record, correction, user.getName()));
    audit.success("record.correct.bulk", null, Map.of("field", field, "records", ids.size()));
    model.addAttribute("corrected", ids);
    model.addAttribute("field", field);
    return "bulk-corrected";
  }

  private static MetadataCorrection correction(
      RecordMetadata record, String field, String value, String reason) {
    String text = value.isEmpty() ? null : value;
    return switch (field) {
      case "department" ->
          new MetadataCorrection(Set.of("department"), null, text, null, null, null, null, reason);
      case "documentDate" ->
          new MetadataCorrection(
              Set.of("documentDate"), null, null, date(text), null, null, null, reason);
      case "fiscalYearEnd" ->
          new MetadataCorrection(
              Set.of("fiscalYearEnd"), null, null, null, date(text), null, null, reason);
      case "addTag" -> {
        if (text == null) {
          throw new InvalidFilingRequest("value: the tag to add");
        }
        List<String> tags = new ArrayList<>(record.tags());
        if (!tags.contains(text)) {
          tags.add(text);
        }
        yield new MetadataCorrection(Set.of("tags"), null, null, null, null, null, tags, reason);
      }
      default -> {
        Map<String, String> key = new HashMap<>();
        key.put(field, text); // an empty value removes the key
        yield new MetadataCorrection(
            Set.of("keys"), null, null, null, null, record.keys().merged(key), null, reason);
      }
    };
  }

  private static List<String> ids(List<String> recordIds) {
    List<String> ids =
        new ArrayList<>(
            new LinkedHashSet<>(
                recordIds == null
                    ? List.of()
                    : recordIds.stream().filter(id -> !id.isBlank()).toList()));
    if (ids.isEmpty()) {
      throw new InvalidFilingRequest("No records selected: tick the records to correct");
    }
    if (ids.size() > LIMIT) {
      throw new InvalidFilingRequest(
          "A bulk correction takes at most " + LIMIT + " records, not " + ids.size());
    }
    return ids;
  }

  private static LocalDate date(String value) {
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFilingRequest("A date as YYYY-MM-DD, not '" + value + "'");
    }
  }
}
