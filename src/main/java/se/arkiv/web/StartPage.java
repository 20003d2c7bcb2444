package se.arkiv.web;

import java.security.Principal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.audit.AuditEntry;
import se.arkiv.audit.AuditQuery;
import se.arkiv.audit.AuditTrail;
import se.arkiv.filing.ExtractionProgress;
import se.arkiv.retention.DispositionRun;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.LegalHolds;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SavedSearch;
import se.arkiv.search.SavedSearches;
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

  /** A saved search's card: its matches, how many are new since it was last seen, and its link. */
  record SavedWorklist(String key, String name, long count, long fresh, String href) {
    static SavedWorklist of(SavedSearches.Mine mine) {
      SavedSearch s = mine.search();
      SearchForm form =
          new SearchForm(s.q(), s.filters(), s.from(), s.to(), "relevance", false, 0, 20, null);
      return new SavedWorklist(
          s.id(), s.name(), mine.matches(), mine.newMatches(), "/search?" + form.queryString());
    }
  }

  private final AuditedSearch search;
  private final SavedSearches saved;
  private final LegacySavedViews legacy;
  private final AuditTrail trail;
  private final LegalHolds holds;
  private final DispositionRuns runs;
  private final RecordStore store;
  private final Clock clock;
  private final ExtractionProgress extraction;

  StartPage(
      AuditedSearch search,
      SavedSearches saved,
      LegacySavedViews legacy,
      AuditTrail trail,
      LegalHolds holds,
      DispositionRuns runs,
      RecordStore store,
      Clock clock,
      ExtractionProgress extraction) {
    this.search = search;
    this.saved = saved;
    this.legacy = legacy;
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
    List<SavedWorklist> mine = new ArrayList<>();
    if (me.searches()) {
      legacy.migrate(user.getName());
      for (SavedSearches.Mine search : saved.mine(user.getName(), search.scopeOfCaller())) {
        mine.add(SavedWorklist.of(search));
      }
    }
    model.addAttribute("saved", mine);
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
    SearchForm form = SearchForm.ofQueryString(query, 1);
    saved.save(user.getName(), name, form.q(), form.filters(), form.from(), form.to());
    return "redirect:/?saved";
  }

  @PostMapping("/views/{id}/seen")
  String seen(@PathVariable String id, Principal user) {
    saved.markSeen(user.getName(), id);
    return "redirect:/";
  }

  @PostMapping("/views/{id}/delete")
  String delete(@PathVariable String id, Principal user) {
    saved.remove(user.getName(), id);
    return "redirect:/";
  }

  private Worklist searchList(String key, String query) {
    SearchForm form = SearchForm.ofQueryString(query, 1);
    long count;
    try {
      count = search.run(form.atPage(0, 1)).total();
    } catch (InvalidQuery e) {
      count = -1;
    }
    return new Worklist(key, null, count, "/search?" + form.queryString());
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
    Collections.reverse(filed);
    return filed;
  }
}
