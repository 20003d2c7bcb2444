package se.arkiv.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun;
import se.arkiv.retention.DispositionRunSummary;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.storage.RecordStore;

/**
 * Disposition: runs listed, a run started (dry or real), its candidates and exclusions reviewed
 * page by page, approved by a second records manager (four eyes: the run refuses the one who
 * started it, and the page does not offer it), executed with a progress bar, and its certificate
 * downloaded. Through the API's controller, so the rules and audit are the same.
 */
@UiPage
class DispositionPage {

  static final int PAGE_SIZE = 50;

  private final DispositionRuns runs;
  private final DispositionController api;
  private final FilePlan filePlan;
  private final DispositionProgress progress;
  private final RecordStore store;
  private final AuditRecorder audit;

  DispositionPage(
      DispositionRuns runs,
      DispositionController api,
      FilePlan filePlan,
      DispositionProgress progress,
      RecordStore store,
      AuditRecorder audit) {
    this.runs = runs;
    this.api = api;
    this.filePlan = filePlan;
    this.progress = progress;
    this.store = store;
    this.audit = audit;
  }

  @GetMapping("/disposition")
  String list(@RequestParam(defaultValue = "0") int page, Model model) {
    List<DispositionRunSummary> all = new ArrayList<>(runs.all());
    Collections.reverse(all);
    int from = Math.max(0, Math.min(page, all.size() / PAGE_SIZE)) * PAGE_SIZE;
    model.addAttribute("runs", all.subList(from, Math.min(all.size(), from + PAGE_SIZE)));
    model.addAttribute("page", from / PAGE_SIZE);
    model.addAttribute("more", all.size() > from + PAGE_SIZE);
    model.addAttribute("classes", filePlan.classes());
    return "disposition";
  }

  @PostMapping("/disposition/runs")
  String start(
      @RequestParam(defaultValue = "dry") String mode,
      @RequestParam(defaultValue = "") String recordClass,
      @RequestParam(defaultValue = "") String asOf,
      Principal user) {
    boolean dryRun = !"real".equals(mode);
    var started =
        api.startRun(
            new DispositionController.RunRequest(
                dryRun,
                // A run that destroys always works on the present moment.
                dryRun && !asOf.isBlank() ? asOf : null,
                recordClass.isBlank() ? null : recordClass),
            user);
    return "redirect:/disposition/runs/" + started.getBody().id();
  }

  @GetMapping("/disposition/runs/{id}")
  String run(
      @PathVariable String id,
      @RequestParam(defaultValue = "0") int candidates,
      @RequestParam(defaultValue = "0") int excluded,
      Principal user,
      Model model) {
    DispositionRun run = runs.find(id);
    model.addAttribute("run", run);
    model.addAttribute("candidates", page(run.candidates(), candidates));
    model.addAttribute("candidatesPage", clamp(candidates, run.candidates().size()));
    model.addAttribute("excluded", page(run.excluded(), excluded));
    model.addAttribute("excludedPage", clamp(excluded, run.excluded().size()));
    model.addAttribute("pageSize", PAGE_SIZE);
    model.addAttribute("startedByMe", run.startedBy().equals(user.getName()));
    model.addAttribute("destroyed", destroyed(run));
    model.addAttribute(
        "notDestroyed",
        run.outcomes().stream().filter(outcome -> !outcome.destroyed()).limit(PAGE_SIZE).toList());
    progress(summary(id), model);
    return "disposition-run";
  }

  /** The progress bar while a run executes; polled by the run's page until it is done. */
  @GetMapping("/disposition/runs/{id}/progress")
  String progress(@PathVariable String id, Model model) {
    progress(summary(id), model);
    // The state badge above the bar changes with it (an out-of-band swap).
    model.addAttribute("oob", true);
    return "fragments/disposition :: progress";
  }

  private void progress(DispositionRunSummary run, Model model) {
    model.addAttribute("summary", run);
    model.addAttribute(
        "done",
        run.state() == DispositionRun.State.EXECUTED
            ? run.destroyed()
            : Math.min(run.candidates(), progress.destroyedSoFar(run.id())));
  }

  @PostMapping("/disposition/runs/{id}/approve")
  String approve(@PathVariable String id, Principal user) {
    api.approve(id, user);
    return "redirect:/disposition/runs/" + id + "?approved";
  }

  @PostMapping("/disposition/runs/{id}/execute")
  String execute(@PathVariable String id, Principal user) {
    api.execute(id, user);
    return "redirect:/disposition/runs/" + id;
  }

  /** The certificate of destruction, the PDF filed as a record when the run finished. */
  @GetMapping("/disposition/runs/{id}/certificate")
  void certificate(@PathVariable String id, HttpServletResponse response) throws IOException {
    DispositionRunSummary run = summary(id);
    if (run.certificateRecordId() == null) {
      throw new RetentionProblem(
          RetentionProblem.Kind.NOT_FOUND, "Run " + id + " has no certificate yet");
    }
    RecordMetadata certificate = store.require(RecordId.of(run.certificateRecordId()));
    audit.success("disposition.certificate", id, Map.of("record", certificate.id().value()));
    Downloads.send(
        response,
        "certificate-" + id + ".pdf",
        MediaType.APPLICATION_PDF_VALUE,
        certificate.size(),
        store.openOriginal(certificate));
  }

  private DispositionRunSummary summary(String id) {
    return runs.all().stream()
        .filter(run -> run.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new RetentionProblem(
                    RetentionProblem.Kind.NOT_FOUND, "No disposition run with id " + id));
  }

  private static long destroyed(DispositionRun run) {
    return run.outcomes().stream().filter(DispositionRun.Outcome::destroyed).count();
  }

  private static int clamp(int page, int size) {
    return Math.max(0, Math.min(page, Math.max(0, (size - 1) / PAGE_SIZE)));
  }

  private static <T> List<T> page(List<T> all, int page) {
    int from = clamp(page, all.size()) * PAGE_SIZE;
    return all.subList(Math.min(from, all.size()), Math.min(all.size(), from + PAGE_SIZE));
  }
}
