package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
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
import se.arkiv.retention.LegalHold;
import se.arkiv.retention.LegalHolds;

/** Legal holds: what keeps records from destruction, whatever their retention says. */
@RestController
class HoldsController {

  private final LegalHolds holds;
  private final AuditRecorder audit;

  HoldsController(LegalHolds holds, AuditRecorder audit) {
    this.holds = holds;
    this.audit = audit;
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
    LegalHold hold = holds.find(id);
    // A released hold covers nothing now; what it covered is its history (and an export's).
    return new HoldView(hold, hold.active() ? holds.coveredBy(id) : Set.of());
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
}
