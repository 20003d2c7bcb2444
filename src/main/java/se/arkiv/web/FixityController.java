package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.fixity.FixityReport;
import se.arkiv.fixity.FixityRun;
import se.arkiv.fixity.FixityRuns;

/** Fixity runs on demand, and their progress and findings. */
@RestController
class FixityController {

  private final FixityRuns runs;
  private final AuditRecorder audit;

  FixityController(FixityRuns runs, AuditRecorder audit) {
    this.runs = runs;
    this.audit = audit;
  }

  /** 202: the run checks the store in the background; follow it at {@code Location}. */
  @Operation(
      operationId = "startFixityRun",
      tags = ApiDescription.FIXITY,
      summary = "Start a fixity run",
      description =
          "Checks every record in the store against its metadata, in the background; 202 with Location. Refused (409, with runId) while another run is going.")
  @ApiResponse(
      responseCode = "202",
      description = "Started",
      content = @Content(schema = @Schema(implementation = FixityRun.class)))
  @ProblemStatuses({409})
  @PostMapping("/api/fixity/runs")
  ResponseEntity<FixityRun> start(Principal user) {
    FixityRun run = runs.start(user.getName());
    audit.success("fixity.start", run.id(), Map.of("records", run.total()));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Location", "/api/fixity/runs/" + run.id())
        .body(run);
  }

  /** Every run, oldest first, with its counts; the findings at {@code /runs/{id}}. */
  @Operation(
      operationId = "listFixityRuns",
      tags = ApiDescription.FIXITY,
      summary = "List fixity runs",
      description = "Every run, oldest first, with its counts.")
  @GetMapping("/api/fixity/runs")
  List<FixityRun> runs() {
    return runs.all();
  }

  @Operation(
      operationId = "getFixityRun",
      tags = ApiDescription.FIXITY,
      summary = "Read a fixity run",
      description = "One run with its findings.")
  @GetMapping("/api/fixity/runs/{id}")
  FixityReport run(@PathVariable String id) {
    return runs.find(id);
  }
}
