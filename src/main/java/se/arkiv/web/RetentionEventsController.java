package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.BusinessKeys;
import se.arkiv.retention.RetentionEvent;
import se.arkiv.retention.RetentionEvents;

/** Retention events: the facts (an account closed, an employment ended) that start retention. */
@RestController
class RetentionEventsController {

  private final RetentionEvents events;
  private final AuditRecorder audit;

  RetentionEventsController(RetentionEvents events, AuditRecorder audit) {
    this.events = events;
    this.audit = audit;
  }

  record EventRequest(
      String type,
      BusinessKeys keys,
      LocalDate effectiveDate,
      String reference,
      LocalDate extendedUntil) {}

  @Operation(
      operationId = "recordRetentionEvent",
      tags = ApiDescription.EVENTS,
      summary = "Record a retention event",
      description =
          "An event (account closed, employment ended) for business keys, effective on a date: the retention of every matching record is recomputed. An authority's order to keep records longer is type RETENTION_EXTENDED with extendedUntil (the last day to keep them) and the decision as reference: it lengthens the rules that have a legal maximum, capped at that maximum record by record. 201 with Location.")
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
            request.extendedUntil(),
            user.getName());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", event.type());
    details.put("keys", event.keys().present());
    details.put("effectiveDate", event.effectiveDate().toString());
    details.put("reference", String.valueOf(event.reference()));
    if (event.extendedUntil() != null) {
      details.put("extendedUntil", event.extendedUntil().toString());
    }
    audit.success("event.record", event.id(), details);
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
}
