package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.BusinessKeys;
import se.arkiv.retention.CertificateOfDestruction;
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
  private final AuditRecorder audit;

  RetentionController(
      RetentionEvents events, LegalHolds holds, DispositionRuns runs, AuditRecorder audit) {
    this.events = events;
    this.holds = holds;
    this.runs = runs;
    this.audit = audit;
  }

  record EventRequest(String type, BusinessKeys keys, LocalDate effectiveDate, String reference) {}

  record ReasonRequest(String reason) {}

  @Operation(
      operationId = "recordRetentionEvent",
      tags = ApiDescription.EVENTS,
      summary = "Record a retention event",
      description =
          "An event (account closed, employment ended) for business keys, effective on a date: the retention of every matching record is recomputed. 201 with Location.")
  @ApiResponse(
      responseCode = "201",
      description = "Recorded",
      content = @Content(schema = @Schema(implementation = RetentionEvent.class)))
  @PostMapping("/api/retention/events")
  ResponseEntity<RetentionEvent> recordEvent(@RequestBody EventRequest request, Principal user) {
    RetentionEvent event =
        events.record(
            request.type(),
            request.keys(),
            request.effectiveDate(),
            request.reference(),
            user.getName());
    audit.success(
        "event.record",
        event.id(),
        Map.of(
            "type", event.type(),
            "keys", event.keys().present(),
            "effectiveDate", event.effectiveDate().toString(),
            "reference", String.valueOf(event.reference())));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/retention/events/" + event.id())
        .body(event);
  }

  @Operation(
      operationId = "listRetentionEvents",
      tags = ApiDescription.EVENTS,
      summary = "List retention events",
      description = "Every event recorded, retracted ones included.")
  @GetMapping("/api/retention/events")
  List<RetentionEvent> events() {
    return events.all();
  }

  @Operation(
      operationId = "getRetentionEvent",
      tags = ApiDescription.EVENTS,
      summary = "Read a retention event",
      description = "One event, with its retraction if it was retracted.")
  @GetMapping("/api/retention/events/{id}")
  RetentionEvent event(@PathVariable String id) {
    return events.find(id);
  }

  @Operation(
      operationId = "retractRetentionEvent",
      tags = ApiDescription.EVENTS,
      summary = "Retract a retention event",
      description =
          "Retracts a mistaken event with a reason; retention is recomputed as if it had never arrived. Refused (409) once a record it started the clock of is destroyed.")
  @ProblemStatuses({409})
  @PostMapping("/api/retention/events/{id}/retract")
  RetentionEvent retract(
      @PathVariable String id, @RequestBody ReasonRequest request, Principal user) {
    RetentionEvent retracted = events.retract(id, request.reason(), user.getName());
    audit.success("event.retract", id, Map.of("reason", request.reason()));
    return retracted;
  }

  record HoldRequest(
      String name, String reason, String caseReference, String query, List<String> recordIds) {}

  /** A hold with the records it covers at this moment. */
  record HoldView(LegalHold hold, Set<String> coveredNow) {}

  @Operation(
      operationId = "placeHold",
      tags = ApiDescription.HOLDS,
      summary = "Place a legal hold",
      description =
          "A hold by saved query and/or record ids; the answer lists the records it covers now. A held record cannot be destroyed, whatever its date. 201 with Location.")
  @ApiResponse(
      responseCode = "201",
      description = "Placed",
      content = @Content(schema = @Schema(implementation = HoldView.class)))
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
    audit.success(
        "hold.place",
        hold.id(),
        Map.of(
            "name", hold.name(),
            "reason", hold.reason(),
            "caseReference", String.valueOf(hold.caseReference()),
            "query", String.valueOf(hold.query()),
            "recordIds", hold.recordIds()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/holds/" + hold.id())
        .body(new HoldView(hold, holds.coveredBy(hold.id())));
  }

  @Operation(
      operationId = "listHolds",
      tags = ApiDescription.HOLDS,
      summary = "List legal holds",
      description = "Every hold, released ones included.")
  @GetMapping("/api/holds")
  List<LegalHold> holds() {
    return holds.all();
  }

  @Operation(
      operationId = "getHold",
      tags = ApiDescription.HOLDS,
      summary = "Read a legal hold",
      description = "One hold with the records it covers at this moment.")
  @GetMapping("/api/holds/{id}")
  HoldView hold(@PathVariable String id) {
    return new HoldView(holds.find(id), holds.coveredBy(id));
  }

  @Operation(
      operationId = "releaseHold",
      tags = ApiDescription.HOLDS,
      summary = "Release a legal hold",
      description = "Releases a hold with a reason; refused (409) if it is released already.")
  @ProblemStatuses({409})
  @PostMapping("/api/holds/{id}/release")
  LegalHold release(@PathVariable String id, @RequestBody ReasonRequest request, Principal user) {
    LegalHold released = holds.release(id, request.reason(), user.getName());
    audit.success("hold.release", id, Map.of("reason", request.reason()));
    return released;
  }

  record RunRequest(Boolean dryRun, String asOf, String recordClass) {}

  @Operation(
      operationId = "startDispositionRun",
      tags = ApiDescription.DISPOSITION,
      summary = "Start a disposition run",
      description =
          "Finds the records whose retention has ended and that no hold covers, as of a date (asOf), optionally for one class. A dry run (the default) only lists them. 201 with Location.")
  @ApiResponse(
      responseCode = "201",
      description = "Started",
      content = @Content(schema = @Schema(implementation = DispositionRun.class)))
  @ProblemStatuses({409})
  @PostMapping("/api/disposition/runs")
  ResponseEntity<DispositionRun> startRun(@RequestBody RunRequest request, Principal user) {
    boolean dryRun = request.dryRun() == null || request.dryRun();
    DispositionRun run =
        runs.start(dryRun, instant(request.asOf()), request.recordClass(), false, user.getName());
    audit.success(
        "disposition.start",
        run.id(),
        Map.of(
            "dryRun", dryRun,
            "asOf", String.valueOf(run.asOf()),
            "recordClass", String.valueOf(run.recordClass()),
            "candidates", run.candidates().size(),
            "excluded", run.excluded().size(),
            "state", run.state().name()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/disposition/runs/" + run.id())
        .body(run);
  }

  /** Every run without its lists (counts instead); one run whole at {@code /runs/{id}}. */
  @Operation(
      operationId = "listDispositionRuns",
      tags = ApiDescription.DISPOSITION,
      summary = "List disposition runs",
      description =
          "Every run with counts instead of lists; one run whole at /api/disposition/runs/{id}.")
  @GetMapping("/api/disposition/runs")
  List<se.arkiv.retention.DispositionRunSummary> runs() {
    return runs.all();
  }

  @Operation(
      operationId = "getDispositionRun",
      tags = ApiDescription.DISPOSITION,
      summary = "Read a disposition run",
      description =
          "One run with its candidates, exclusions and, once executed, outcomes and certificate.")
  @GetMapping("/api/disposition/runs/{id}")
  DispositionRun run(@PathVariable String id) {
    return runs.find(id);
  }

  @Operation(
      operationId = "approveDispositionRun",
      tags = ApiDescription.DISPOSITION,
      summary = "Approve a disposition run",
      description =
          "A second records manager approves the run's candidates for destruction (four eyes); refused (409) for the manager who started it or a run not awaiting approval.")
  @ProblemStatuses({409})
  @PostMapping("/api/disposition/runs/{id}/approve")
  DispositionRun approve(@PathVariable String id, Principal user) {
    DispositionRun approved = runs.approve(id, user.getName());
    audit.success("disposition.approve", id, Map.of());
    return approved;
  }

  /**
   * 202: the run is carried out in the background; its state turns from {@code EXECUTING} to {@code
   * EXECUTED} (with outcomes and certificate) at {@code Location}.
   */
  @Operation(
      operationId = "executeDispositionRun",
      tags = ApiDescription.DISPOSITION,
      summary = "Execute a disposition run",
      description =
          "Destroys the candidates in the background, re-checking each just before; 202 with Location. The run turns from EXECUTING to EXECUTED with outcomes and a certificate.")
  @ApiResponse(
      responseCode = "202",
      description = "Executing",
      content = @Content(schema = @Schema(implementation = DispositionRun.class)))
  @ProblemStatuses({409})
  @PostMapping("/api/disposition/runs/{id}/execute")
  ResponseEntity<DispositionRun> execute(@PathVariable String id, Principal user) {
    DispositionRun executing = runs.execute(id, user.getName());
    audit.success("disposition.execute", id, Map.of("candidates", executing.candidates().size()));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Location", "/api/disposition/runs/" + id)
        .body(executing);
  }

  @Operation(
      operationId = "getDispositionCertificate",
      tags = ApiDescription.DISPOSITION,
      summary = "Read a run's destruction certificate",
      description = "The certificate of an executed run; 404 until the run has one.")
  @GetMapping("/api/disposition/runs/{id}/certificate")
  CertificateOfDestruction certificate(@PathVariable String id) {
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
