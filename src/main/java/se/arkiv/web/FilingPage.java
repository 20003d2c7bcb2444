package se.arkiv.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import se.arkiv.access.RecordAccess;
import se.arkiv.access.RecordGone;
import se.arkiv.audit.AuditEntry;
import se.arkiv.audit.AuditQuery;
import se.arkiv.audit.AuditTrail;
import se.arkiv.filing.Filed;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.InboxSettings;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordNotFound;
import se.arkiv.security.Actor;

/**
 * The filing screen: drop one or many files, give the batch its metadata once, and watch each file
 * go from stored to searchable. The same rules as the API's upload (scope, validation, dedup).
 */
@UiPage
class FilingPage {

  private final FilingService filing;
  private final RecordAccess access;
  private final AuditRecorder audit;
  private final AuditTrail trail;
  private final FilePlan filePlan;
  private final RecordPage records;
  private final String inboxUser;

  FilingPage(
      FilingService filing,
      RecordAccess access,
      AuditRecorder audit,
      AuditTrail trail,
      FilePlan filePlan,
      RecordPage records,
      InboxSettings inbox) {
    this.filing = filing;
    this.access = access;
    this.audit = audit;
    this.trail = trail;
    this.filePlan = filePlan;
    this.records = records;
    this.inboxUser = inbox.user();
  }

  private boolean mayKnowOf(Actor actor, AuditEntry entry) {
    if (actor.seesAllDepartments()) {
      return true;
    }
    if (entry.target() == null) {
      return false;
    }
    try {
      access.find(actor, entry.target());
      return true;
    } catch (RecordNotFound | RecordGone e) { // out of scope answers as not found
      return false;
    }
  }

  /** One file's outcome on the filing screen. */
  record FilingOutcome(String fileName, Filed filed, String stage) {}

  @GetMapping("/file")
  String page(Model model) {
    model.addAttribute("classes", filePlan.classes());
    Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
    Actor actor = audit.actor();
    List<AuditEntry> inbox =
        new ArrayList<>(trail.find(new AuditQuery(null, inboxUser, null, weekAgo, null), 0, 500));
    Collections.reverse(inbox);
    // A clerk sees the inbox's filings of their own departments only, as in a search; what names
    // no record (a folder that names no class) is the concern of those who see every department.
    model.addAttribute(
        "inbox", inbox.stream().filter(entry -> mayKnowOf(actor, entry)).limit(20).toList());
    return "file";
  }

  @PostMapping("/file")
  String file(
      @RequestParam("file") List<MultipartFile> files,
      @RequestParam Map<String, String> form,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Principal user,
      Model model)
      throws IOException {
    FilingRequest request = access.scopedFiling(audit.actor(), request(form));
    // FilingService.file validates before it reads a byte: a bad request fails the first file,
    // before anything is filed, as every file of the batch shares it.
    List<FilingOutcome> outcomes = new ArrayList<>();
    for (MultipartFile file : files) {
      if (file.isEmpty()
          && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
        continue;
      }
      FilingRequest titled =
          files.size() == 1 || request.title() == null
              ? request
              : new FilingRequest(
                  request.recordClass(),
                  null,
                  request.department(),
                  request.documentDate(),
                  request.fiscalYearEnd(),
                  request.keys(),
                  request.tags());
      Filed filed;
      try (InputStream content = file.getInputStream()) {
        filed = filing.file(titled, content, UploadedFileName.of(file), user.getName());
      }
      audit.filed(filed);
      outcomes.add(
          new FilingOutcome(UploadedFileName.of(file), filed, records.stage(filed.record())));
    }
    if (outcomes.isEmpty()) {
      throw new InvalidFilingRequest("Choose at least one file to file");
    }
    model.addAttribute("outcomes", outcomes);
    if (htmx != null) {
      return "fragments/filing :: outcomes";
    }
    page(model);
    return "file";
  }

  private static FilingRequest request(Map<String, String> form) {
    return new FilingRequest(
        text(form, "recordClass"),
        text(form, "title"),
        text(form, "department"),
        date(form, "documentDate"),
        date(form, "fiscalYearEnd"),
        new BusinessKeys(
            text(form, "customerId"),
            text(form, "accountId"),
            text(form, "employeeId"),
            text(form, "counterparty"),
            text(form, "caseId")),
        text(form, "tags") == null
            ? List.of()
            : Arrays.stream(text(form, "tags").split(","))
                .map(String::strip)
                .filter(tag -> !tag.isEmpty())
                .toList());
  }

  private static String text(Map<String, String> form, String name) {
    String value = form.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static LocalDate date(Map<String, String> form, String name) {
    String value = text(form, name);
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFilingRequest(name + ": a date as YYYY-MM-DD, not '" + value + "'");
    }
  }
}
