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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.retention.CertificateOfDestruction;
import se.arkiv.retention.DispositionRun;
import se.arkiv.retention.DispositionRunSummary;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.RetentionProblem;

/**
 * Disposition runs: find what may go, the second records manager's approval, execution, the
 * certificate.
 */
@RestController
class DispositionController {

  private final DispositionRuns runs;
  private final AuditRecorder audit;

  DispositionController(DispositionRuns runs, AuditRecorder audit) {
    this.runs = runs;
    this.audit = audit;
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
        runs.start(
            dryRun,
            instant(request.asOf()),
            // An empty class is none, as a form's "every class" sends it: the whole archive.
            request.recordClass() == null || request.recordClass().isBlank()
                ? null
                : request.recordClass(),
            false,
            user.getName());
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
  List<DispositionRunSummary> runs() {
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
