package se.arkiv.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.access.CorrectionRights;
import se.arkiv.access.RecordAccess;
import se.arkiv.audit.AuditEntry;
import se.arkiv.audit.AuditQuery;
import se.arkiv.audit.AuditTrail;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.ClassSuggestions;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SearchHit;
import se.arkiv.search.SearchResult;
import se.arkiv.search.SearchService;
import se.arkiv.security.Actor;
import se.arkiv.storage.RecordStore;

/**
 * A record's page: preview beside the metadata, its text with the search's words marked, retention,
 * versions, its audit history, next and previous through the hit list, and corrections.
 *
 * <p>Just over 300 lines because one screen gathers that many parts for one template; each rule it
 * shows lives in its own module (retention, access, audit, search), and this class only asks them
 * and fills the model.
 */
@UiPage
class RecordPage {

  /** The text shown on the page; the whole text is a link away. */
  static final int SHOWN_TEXT = 200_000;

  /** A reviewed OCR record carries this tag and leaves the review queue. */
  static final String OCR_REVIEWED = "ocr-reviewed";

  private final ScopedRecords records;
  private final RecordAccess access;
  private final CorrectionRights rights;
  private final RecordController corrections;
  private final RecordStore store;
  private final FilePlan filePlan;
  private final AuditTrail trail;
  private final AuditRecorder audit;
  private final AuditedSearch search;
  private final SearchService index;
  private final UiText uiText;
  private final ClassSuggestions classSuggestions;

  RecordPage(
      ScopedRecords records,
      RecordAccess access,
      CorrectionRights rights,
      RecordController corrections,
      RecordStore store,
      FilePlan filePlan,
      AuditTrail trail,
      AuditRecorder audit,
      AuditedSearch search,
      SearchService index,
      UiText uiText,
      ClassSuggestions classSuggestions) {
    this.records = records;
    this.access = access;
    this.rights = rights;
    this.corrections = corrections;
    this.store = store;
    this.filePlan = filePlan;
    this.trail = trail;
    this.audit = audit;
    this.search = search;
    this.index = index;
    this.uiText = uiText;
    this.classSuggestions = classSuggestions;
  }

  @GetMapping("/records/{id}")
  String record(
      @PathVariable String id, @RequestParam Map<String, String> parameters, Model model) {
    RecordMetadata record = records.find(id, "record.view");
    audit.success("record.view", record.id().value(), Map.of());
    Actor actor = audit.actor();
    model.addAttribute("record", record);
    model.addAttribute("retention", access.retentionShownTo(actor, record));
    model.addAttribute("recordClass", filePlan.find(record.recordClass()).orElse(null));
    model.addAttribute("versions", newestFirst(store.versions(record.id())));
    model.addAttribute("inline", RecordContentController.showsInline(record.mediaType()));
    boolean drawing = hasPreview(record) && previewToCome(record);
    model.addAttribute("previewable", hasPreview(record) && !drawing);
    model.addAttribute("previewToCome", drawing);
    model.addAttribute("keys", record.keys().present());
    model.addAttribute("mayCorrectRetention", rights.mayCorrect(actor, "documentDate"));
    model.addAttribute("frozen", rights.frozen(record));
    model.addAttribute("ocrReviewed", record.tags().contains(OCR_REVIEWED));
    model.addAttribute("reasonLinks", ReasonLinks.of(record, parameters.get("reason")));
    // A hint only: the class a record was filed under is never changed by it.
    classSuggestions
        .forRecord(record, actor.searchScope())
        .filter(s -> s.differsFrom(record.recordClass()))
        .ifPresent(s -> model.addAttribute("classHint", s));
    if (actor.seesAllDepartments()) {
      List<AuditEntry> history = trail.find(AuditQuery.target(record.id().value()), 0, 200);
      model.addAttribute("history", newestFirst(history));
    }
    SearchForm form = SearchForm.of(parameters, SearchPage.PAGE_SIZE);
    model.addAttribute("form", form);
    model.addAttribute("q", form.q());
    neighbours(form, parameters.get("n"), model);
    return "record";
  }

  /** The extracted text, loaded after the page so that the page itself stays small. */
  @GetMapping("/records/{id}/text-view")
  String text(@PathVariable String id, @RequestParam(required = false) String q, Model model) {
    RecordMetadata record = records.find(id, "record.text");
    Optional<String> text =
        record.extraction().status() == ExtractionStatus.DONE
            ? store.readText(record.id())
            : Optional.empty();
    text.ifPresent(t -> audit.success("record.text", record.id().value(), Map.of()));
    String shown =
        text.map(t -> t.length() > SHOWN_TEXT ? t.substring(0, SHOWN_TEXT) : t).orElse(null);
    model.addAttribute("record", record);
    model.addAttribute("html", shown == null ? null : uiText.highlighted(shown, q));
    model.addAttribute("cut", text.isPresent() && text.get().length() > SHOWN_TEXT);
    model.addAttribute("q", q);
    return "fragments/record :: text";
  }

  /** Where a new filing stands, polled by the filing screen until it is searchable or failed. */
  @GetMapping("/records/{id}/status")
  String status(@PathVariable String id, Model model) {
    RecordMetadata record = records.find(id, "record.status");
    model.addAttribute("record", record);
    model.addAttribute("stage", stage(record));
    return "fragments/record :: status";
  }

  /** stored, extracting, searchable or failed: the clerk's view of the write protocol. */
  String stage(RecordMetadata record) {
    boolean indexed = !index.matchingIds(null, List.of(record.id().value())).isEmpty();
    return switch (record.extraction().status()) {
      case PENDING -> indexed ? "extracting" : "stored";
      case DONE -> indexed ? "searchable" : "extracting";
      case FAILED -> "failed";
    };
  }

  @PostMapping("/records/{id}/correct")
  String correct(
      @PathVariable String id,
      @RequestParam Map<String, String> form,
      Principal user,
      Model model) {
    RecordMetadata record = records.find(id, "record.correct");
    Set<String> fields = new LinkedHashSet<>();
    String title = changed(form, "title", record.title(), fields);
    String department = changed(form, "department", record.department(), fields);
    LocalDate documentDate =
        date(changed(form, "documentDate", string(record.documentDate()), fields));
    LocalDate fiscalYearEnd =
        date(changed(form, "fiscalYearEnd", string(record.fiscalYearEnd()), fields));
    BusinessKeys keys = keys(form, record.keys(), fields);
    List<String> tags = tags(changed(form, "tags", String.join(", ", record.tags()), fields));
    if (fields.isEmpty()) {
      return "redirect:/records/" + record.id() + "?unchanged";
    }
    corrections.correct(
        record,
        new MetadataCorrection(
            fields, title, department, documentDate, fiscalYearEnd, keys, tags, form.get("reason")),
        user.getName());
    return "redirect:/records/" + record.id() + "?corrected";
  }

  /** A clerk's review of an OCR'd record: its text is findable (or was corrected), on the trail. */
  @PostMapping("/records/{id}/ocr-review")
  String reviewOcr(
      @PathVariable String id, @RequestParam(required = false) String note, Principal user) {
    RecordMetadata record = records.find(id, "record.ocr-review");
    if (record.extraction().ocrPages().isEmpty()) {
      throw new InvalidFilingRequest("Record " + record.id() + " has no OCR'd pages to review");
    }
    List<String> tags = new ArrayList<>(record.tags());
    if (!tags.contains(OCR_REVIEWED)) {
      tags.add(OCR_REVIEWED);
    }
    String reason = "OCR reviewed" + (note == null || note.isBlank() ? "" : ": " + note.strip());
    corrections.correct(
        record,
        new MetadataCorrection(Set.of("tags"), null, null, null, null, null, tags, reason),
        user.getName());
    audit.success(
        "record.ocr-review",
        record.id().value(),
        Map.of(
            "lowestConfidence",
            String.valueOf(record.extraction().lowestOcrConfidence()),
            "note",
            note == null ? "" : note.strip()));
    return "redirect:/records/" + record.id() + "?reviewed";
  }

  private static <T> List<T> newestFirst(List<T> oldestFirst) {
    List<T> list = new ArrayList<>(oldestFirst);
    Collections.reverse(list);
    return list;
  }

  /** A PDF or image that could be read: one that could not (corrupt, encrypted) is never drawn. */
  private boolean hasPreview(RecordMetadata record) {
    boolean drawable =
        record.mediaType().equals("application/pdf") || record.mediaType().startsWith("image/");
    return drawable
        && (record.extraction() == null || record.extraction().status() != ExtractionStatus.FAILED);
  }

  /** Not drawn yet: before the text, or (a born-digital PDF's) with the archival copy to come. */
  private static boolean previewToCome(RecordMetadata record) {
    Extraction extraction = record.extraction();
    return extraction == null
        || extraction.status() == ExtractionStatus.PENDING
        || extraction.archivalLater();
  }

  /** The hits before and after position {@code n} of the same search, for j/k and the links. */
  private void neighbours(SearchForm form, String n, Model model) {
    if (n == null || !n.matches("\\d{1,6}")) {
      return;
    }
    int position = Integer.parseInt(n);
    model.addAttribute("position", position);
    model.addAttribute("previous", position == 0 ? null : hitAt(form, position - 1));
    model.addAttribute("next", hitAt(form, position + 1));
  }

  private SearchHit hitAt(SearchForm form, int position) {
    try {
      SearchResult result = search.run(form.atPage(position, 1));
      return result.hits().isEmpty() ? null : result.hits().get(0);
    } catch (InvalidQuery e) {
      return null; // beyond the index's window: no neighbour link
    }
  }

  private static String changed(
      Map<String, String> form, String field, String current, Set<String> fields) {
    if (!form.containsKey(field)) {
      return null;
    }
    String value = form.get(field).strip();
    String before = current == null ? "" : current;
    if (!value.equals(before)) {
      fields.add(field);
    }
    return value.isEmpty() ? null : value;
  }

  private static BusinessKeys keys(
      Map<String, String> form, BusinessKeys current, Set<String> fields) {
    Map<String, String> now = current.present();
    boolean changed = false;
    String[] values = new String[BusinessKeys.NAMES.size()];
    for (int i = 0; i < values.length; i++) {
      String name = BusinessKeys.NAMES.get(i);
      String value =
          form.containsKey("key." + name) ? form.get("key." + name).strip() : now.get(name);
      values[i] = value;
      changed |= !Objects.equals(blankToNull(value), now.get(name));
    }
    if (!changed) {
      return null;
    }
    fields.add("keys");
    return new BusinessKeys(values[0], values[1], values[2], values[3], values[4]);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static List<String> tags(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(tag -> !tag.isEmpty())
        .distinct()
        .toList();
  }

  private static String string(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static LocalDate date(String value) {
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFilingRequest("A date as YYYY-MM-DD, not '" + value + "'");
    }
  }
}
