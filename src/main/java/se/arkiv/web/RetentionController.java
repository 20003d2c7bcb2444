package se.arkiv.web;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.BusinessKeys;
import se.arkiv.retention.DispositionRun;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.LegalHold;
import se.arkiv.retention.LegalHolds;
import se.arkiv.retention.RetentionEvent;
import se.arkiv.retention.RetentionEvents;
import se.arkiv.retention.RetentionProblem;

/** Retention events, legal holds and disposition runs: the records manager's work. */
@RestController
class RetentionController {

  private final RetentionEvents events;
  private final LegalHolds holds;
  private final DispositionRuns runs;

  RetentionController(RetentionEvents events, LegalHolds holds, DispositionRuns runs) {
    this.events = events;
    this.holds = holds;
    this.runs = runs;
  }

  record EventRequest(String type, BusinessKeys keys, LocalDate effectiveDate, String reference) {}

  record ReasonRequest(String reason) {}

  @PostMapping("/api/retention/events")
  ResponseEntity<RetentionEvent> recordEvent(@RequestBody EventRequest request, Principal user) {
    RetentionEvent event =
        events.record(
            request.type(),
            request.keys(),
            request.effectiveDate(),
            request.reference(),
            user.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/retention/events/" + event.id())
        .body(event);
  }

  @GetMapping("/api/retention/events")
  List<RetentionEvent> events() {
    return events.all();
  }

  @GetMapping("/api/retention/events/{id}")
  RetentionEvent event(@PathVariable String id) {
    return events.find(id);
  }

  @PostMapping("/api/retention/events/{id}/retract")
  RetentionEvent retract(
      @PathVariable String id, @RequestBody ReasonRequest request, Principal user) {
    return events.retract(id, request.reason(), user.getName());
  }

  record HoldRequest(
      String name, String reason, String caseReference, String query, List<String> recordIds) {}

  /** A hold with the records it covers at this moment. */
  record HoldView(LegalHold hold, Set<String> coveredNow) {}

  @PostMapping("/api/holds")
  ResponseEntity<HoldView> placeHold(@RequestBody HoldRequest request, Principal user) {
    LegalHold hold =
        holds.place(
            request.name(),
            request.reason(),
            request.caseReference(),
            request.query(),
            request.recordIds(),
            user.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/holds/" + hold.id())
        .body(new HoldView(hold, holds.coveredBy(hold.id())));
  }

  @GetMapping("/api/holds")
  List<LegalHold> holds() {
    return holds.all();
  }

  @GetMapping("/api/holds/{id}")
  HoldView hold(@PathVariable String id) {
    return new HoldView(holds.find(id), holds.coveredBy(id));
  }

  @PostMapping("/api/holds/{id}/release")
  LegalHold release(@PathVariable String id, @RequestBody ReasonRequest request, Principal user) {
    return holds.release(id, request.reason(), user.getName());
  }

  record RunRequest(Boolean dryRun, String asOf, String recordClass) {}

  @PostMapping("/api/disposition/runs")
  ResponseEntity<DispositionRun> startRun(@RequestBody RunRequest request, Principal user) {
    boolean dryRun = request.dryRun() == null || request.dryRun();
    DispositionRun run =
        runs.start(dryRun, instant(request.asOf()), request.recordClass(), false, user.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/disposition/runs/" + run.id())
        .body(run);
  }

  @GetMapping("/api/disposition/runs")
  List<DispositionRun> runs() {
    return runs.all();
  }

  @GetMapping("/api/disposition/runs/{id}")
  DispositionRun run(@PathVariable String id) {
    return runs.find(id);
  }

  @PostMapping("/api/disposition/runs/{id}/approve")
  DispositionRun approve(@PathVariable String id, Principal user) {
    return runs.approve(id, user.getName());
  }

  @PostMapping("/api/disposition/runs/{id}/execute")
  DispositionRun execute(@PathVariable String id, Principal user) {
    return runs.execute(id, user.getName());
  }

  @GetMapping("/api/disposition/runs/{id}/certificate")
  DispositionRuns.Certificate certificate(@PathVariable String id) {
    return runs.certificate(id)
        .orElseThrow(
            () ->
                new RetentionProblem(
                    RetentionProblem.Kind.NOT_FOUND, "Run " + id + " has no certificate yet"));
  }

  /** An ISO instant, or a date meaning 00:00 of that day in Stockholm. */
  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneId.of("Europe/Stockholm")).toInstant();
      } catch (DateTimeParseException e) {
        throw new RetentionProblem(
            RetentionProblem.Kind.INVALID,
            "asOf: '" + text + "' is neither a date (2032-01-01) nor an instant");
      }
    }
  }
}
