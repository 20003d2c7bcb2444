package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.privacy.ErasureRequest;
import se.arkiv.privacy.SubjectAccessReport;
import se.arkiv.privacy.SubjectRequests;
import se.arkiv.retention.RetentionProblem;

/**
 * Data subjects' requests (GDPR), for records managers: what the archive holds about a person, and
 * erasure requests. The personal number travels in the request body, never in a URL that access
 * logs and proxies keep.
 */
@RestController
class SubjectRequestsController {

  /** A request naming the person, and for an erasure where the request came from. */
  record SubjectRequest(String personnummer, String reason) {}

  private final SubjectRequests requests;
  private final AuditRecorder audit;

  SubjectRequestsController(SubjectRequests requests, AuditRecorder audit) {
    this.requests = requests;
    this.audit = audit;
  }

  @Operation(
      operationId = "subjectAccess",
      tags = ApiDescription.PRIVACY,
      summary = "What the archive holds about a person",
      description =
          "Every record whose text holds the personal (or coordination) number, or that a clerk filed with it as customerId or employeeId, in every department and including restricted records: where the number was found, the retention status, retain-until and legal source. JSON, or CSV with Accept: text/csv. 503 while the index is still being compared with the store. Audited as gdpr.subject-access.")
  @ApiResponse(
      responseCode = "200",
      description = "The report",
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = SubjectAccessReport.class)),
        @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
      })
  @ProblemStatuses({503})
  @PostMapping(
      value = "/api/subject-access",
      produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  ResponseEntity<?> subjectAccess(
      @RequestBody SubjectRequest request,
      @RequestHeader(
              value = "Accept",
              required = false,
              defaultValue = MediaType.APPLICATION_JSON_VALUE)
          String accept) {
    SubjectAccessReport report = requests.subjectAccess(audit.actor(), request.personnummer());
    audit.success(
        "gdpr.subject-access", report.personnummer(), Map.of("records", report.records().size()));
    if (accept.contains("text/csv")) {
      return ResponseEntity.ok()
          .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
          .header("Content-Disposition", "attachment; filename=\"subject-access.csv\"")
          .body(report.csv());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
  }

  @Operation(
      operationId = "requestErasure",
      tags = ApiDescription.PRIVACY,
      summary = "Record an erasure request",
      description =
          "Restricts every record of the person: out of ordinary search, read only by auditors and records managers with a reason (Arkiv-Reason header or reason parameter) that is audited, never changed. Each record's answer says why it is kept: RESTRICTED (a law or a legal hold keeps it until retainUntil; disposition destroys it then), DISPOSITION (no law keeps it any more; the next disposition run destroys it) or ALREADY_RESTRICTED. 201 with Location. Audited as gdpr.erasure-request.")
  @ApiResponse(
      responseCode = "201",
      description = "Recorded and answered",
      content = @Content(schema = @Schema(implementation = ErasureRequest.class)))
  @ProblemStatuses({503})
  @PostMapping("/api/erasure-requests")
  ResponseEntity<ErasureRequest> erase(@RequestBody SubjectRequest request) {
    ErasureRequest recorded =
        requests.erase(audit.actor(), request.personnummer(), request.reason());
    audit.success(
        "gdpr.erasure-request",
        recorded.id(),
        Map.of(
            "personnummer", recorded.personnummer(),
            "records", recorded.outcomes().size(),
            "reason", recorded.reason()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/erasure-requests/" + recorded.id())
        .body(recorded);
  }

  @Operation(
      operationId = "listErasureRequests",
      tags = ApiDescription.PRIVACY,
      summary = "List erasure requests",
      description = "Every erasure request recorded, oldest first, with its answers.")
  @GetMapping("/api/erasure-requests")
  List<ErasureRequest> all() {
    return requests.erasureRequests();
  }

  @Operation(
      operationId = "getErasureRequest",
      tags = ApiDescription.PRIVACY,
      summary = "Read an erasure request",
      description = "One erasure request with the answer for each record.")
  @GetMapping("/api/erasure-requests/{id}")
  ErasureRequest one(@PathVariable String id) {
    return requests
        .erasureRequest(id)
        .orElseThrow(
            () ->
                new RetentionProblem(RetentionProblem.Kind.NOT_FOUND, "No erasure request " + id));
  }
}
