package se.arkiv.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.record.BusinessKeys;

/**
 * Checks one manifest row against the rules a filing must meet ({@link FilingService#validate}, so
 * an import and an upload can never disagree), that its file is there inside the source, and, in a
 * bag, that the file matches the bag's checksum. Every problem of the row is reported, not only the
 * first.
 */
final class ManifestCheck {

  // Legal dates are Swedish: a legacy filing date without a zone is Stockholm time.
  private static final ZoneId LEGAL_ZONE = ZoneId.of("Europe/Stockholm");
  private static final int MAX_LEGACY = 200;

  private final ImportSource source;
  private final FilingService filing;
  private final Clock clock;
  private final boolean verifyBag;

  ManifestCheck(ImportSource source, FilingService filing, Clock clock, boolean verifyBag) {
    this.source = source;
    this.filing = filing;
    this.clock = clock;
    this.verifyBag = verifyBag;
  }

  /** The planned line, or null when the row has problems (each one reported). */
  PlannedLine check(ManifestRow row, Consumer<RowProblem> problems) {
    List<String> wrong = new ArrayList<>();
    String name = row.get("file");
    Path file = null;
    if (name == null) {
      wrong.add("file: required");
    } else {
      file = source.file(name);
      if (file == null) {
        wrong.add("file: must be a path inside the source folder");
      } else if (!Files.isRegularFile(file)) {
        wrong.add("file: not found in the source folder");
      }
    }
    LocalDate documentDate = date(row, "documentDate", wrong);
    LocalDate fiscalYearEnd = date(row, "fiscalYearEnd", wrong);
    Instant originalFiledAt = instant(row, "originalFiledAt", wrong);
    String legacyId = row.get("legacyId");
    if (legacyId == null) {
      wrong.add("legacyId: required (the record's id in the legacy system)");
    } else if (legacyId.length() > MAX_LEGACY
        || legacyId.chars().anyMatch(Character::isISOControl)) {
      wrong.add("legacyId: at most " + MAX_LEGACY + " printable characters");
    }
    String originalFiledBy = row.get("originalFiledBy");
    if (originalFiledBy != null && originalFiledBy.length() > MAX_LEGACY) {
      wrong.add("originalFiledBy: at most " + MAX_LEGACY + " characters");
    }
    FilingRequest request =
        new FilingRequest(
            row.get("recordClass"),
            row.get("title"),
            row.get("department"),
            documentDate,
            fiscalYearEnd,
            new BusinessKeys(
                row.get("customerId"),
                row.get("accountId"),
                row.get("employeeId"),
                row.get("counterparty"),
                row.get("caseId")),
            row.tags());
    try {
      filing.validate(request);
    } catch (RuntimeException e) {
      // InvalidFilingRequest and UnknownRecordClass: the filing's own words.
      wrong.add(row.get("recordClass") == null ? "recordClass: required" : e.getMessage());
    }
    String sourceFile = file == null ? name : source.relative(file);
    String verified = null;
    if (wrong.isEmpty() && source.bag() != null) {
      String mismatch = verifyBag ? source.bag().mismatch(sourceFile, file) : null;
      if (mismatch != null) {
        wrong.add("checksum: " + mismatch);
      } else {
        verified = source.bag().verified(sourceFile);
      }
    }
    if (!wrong.isEmpty()) {
      wrong.forEach(reason -> problems.accept(new RowProblem(row.line(), name, reason)));
      return null;
    }
    return new PlannedLine(
        row.line(),
        file,
        sourceFile,
        request,
        legacyId,
        originalFiledAt,
        originalFiledBy,
        verified);
  }

  private static LocalDate date(ManifestRow row, String column, List<String> wrong) {
    String value = row.get(column);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      wrong.add(column + ": '" + value + "' is not a date like 2019-12-31");
      return null;
    }
  }

  private Instant instant(ManifestRow row, String column, List<String> wrong) {
    String value = row.get(column);
    if (value == null) {
      return null;
    }
    Instant at;
    try {
      at = Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        at =
            value.contains("T")
                ? LocalDateTime.parse(value).atZone(LEGAL_ZONE).toInstant()
                : LocalDate.parse(value).atStartOfDay(LEGAL_ZONE).toInstant();
      } catch (DateTimeParseException e) {
        wrong.add(
            column + ": '" + value + "' is not a time like 2019-12-31T08:15:00Z or 2019-12-31");
        return null;
      }
    }
    if (at.isAfter(clock.instant())) {
      wrong.add(column + ": " + value + " is in the future");
    }
    return at;
  }
}
