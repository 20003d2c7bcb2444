package se.arkiv.web;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import se.arkiv.audit.AuditEntry;
import se.arkiv.audit.AuditQuery;
import se.arkiv.audit.AuditTrail;
import se.arkiv.filing.ExtractionProgress;
import se.arkiv.retention.DispositionRun;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.LegalHolds;
import se.arkiv.storage.RecordStore;

/**
 * The start page: the user's worklists with their counts. Built-in ones for each role (extraction
 * failed, low OCR confidence to review, filed by me this week, holds, runs awaiting my approval)
 * and the searches the user saved.
 */
@UiPage
class StartPage {

  /** A worklist card: a name, a count and where it leads. */
  record Worklist(String key, String name, long count, String href) {}

  private final AuditedSearch search;
  private final SavedViews views;
  private final AuditTrail trail;
  private final LegalHolds holds;
  private final DispositionRuns runs;
  private final RecordStore store;
  private final java.time.Clock clock;
  private final ExtractionProgress extraction;

  StartPage(
      AuditedSearch search,
      SavedViews views,
      AuditTrail trail,
      LegalHolds holds,
      DispositionRuns runs,
      RecordStore store,
      java.time.Clock clock,
      ExtractionProgress extraction) {
    this.search = search;
    this.views = views;
    this.trail = trail;
    this.holds = holds;
    this.runs = runs;
    this.store = store;
    this.clock = clock;
    this.extraction = extraction;
  }

  @GetMapping("/")
  String start(Principal user, Model model) {
    UiUser me = (UiUser) model.getAttribute("me");
    List<Worklist> builtIn = new ArrayList<>();
    if (me.searches()) {
      builtIn.add(searchList("failed", "q=extractionStatus:FAILED"));
      builtIn.add(
          searchList(
              "ocrReview",
              "q=*:* -tag:"
                  + RecordPage.OCR_REVIEWED
                  + "&maxOcrConfidence="
                  + SearchPage.LOW_OCR_CONFIDENCE));
    }
    if (me.files()) {
      model.addAttribute("filedByMe", filedThisWeek(user.getName()));
    }
    if (me.governs()) {
      long active = holds.all().stream().filter(hold -> hold.releasedAt() == null).count();
      builtIn.add(new Worklist("holds", null, active, "/holds"));
    }
    if (me.manager()) {
      long awaiting =
          runs.all().stream()
              .filter(run -> run.state() == DispositionRun.State.AWAITING_APPROVAL)
              .filter(run -> !run.startedBy().equals(user.getName()))
              .count();
      builtIn.add(new Worklist("approval", null, awaiting, "/disposition"));
    }
    model.addAttribute("builtIn", builtIn);
    List<Worklist> saved = new ArrayList<>();
    List<SavedViews.View> mine = me.searches() ? views.of(user.getName()) : List.of();
    for (int i = 0; i < mine.size(); i++) {
      SavedViews.View view = mine.get(i);
      saved.add(searchList(Integer.toString(i), view.query(), view.name()));
    }
    model.addAttribute("saved", saved);
    if (me.admin()) {
      model.addAttribute("store", store.describe());
    }
    if (me.admin() || me.manager()) {
      // What is still being read: a records manager sees a migration's progress here.
      model.addAttribute("extraction", extraction.backlog());
      model.addAttribute("now", clock.instant());
    }
    return "start";
  }

  @PostMapping("/views")
  String save(
      @RequestParam String name, @RequestParam(defaultValue = "") String query, Principal user) {
    views.save(user.getName(), name, query);
    return "redirect:/?saved";
  }

  @PostMapping("/views/{index}/delete")
  String delete(@PathVariable int index, Principal user) {
    views.delete(user.getName(), index);
    return "redirect:/";
  }

  private Worklist searchList(String key, String query) {
    return searchList(key, query, null);
  }

  private Worklist searchList(String key, String query, String name) {
    Map<String, String> parameters = new LinkedHashMap<>();
    UriComponentsBuilder.newInstance()
        .query(query)
        .build()
        .getQueryParams()
        .forEach(
            (param, values) ->
                parameters.put(
                    param,
                    java.net.URLDecoder.decode(
                        values.get(0), java.nio.charset.StandardCharsets.UTF_8)));
    SearchForm form = SearchForm.of(parameters, 1);
    long count;
    try {
      count = search.run(form.atPage(0, 1)).total();
    } catch (se.arkiv.search.InvalidQuery e) {
      count = -1;
    }
    return new Worklist(key, name, count, "/search?" + form.queryString());
  }

  /** Filings by this user since Monday (Stockholm), from the audit trail. */
  private List<AuditEntry> filedThisWeek(String user) {
    Instant monday =
        LocalDate.ofInstant(clock.instant(), UiDates.STOCKHOLM)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay(UiDates.STOCKHOLM)
            .toInstant();
    List<AuditEntry> filed =
        new ArrayList<>(
            trail.find(new AuditQuery(null, user, "record.file", monday, null), 0, 1000));
    java.util.Collections.reverse(filed);
    return filed;
  }
}
