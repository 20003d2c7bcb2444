package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.audit.AuditEntry;
import se.arkiv.audit.AuditQuery;
import se.arkiv.audit.AuditTrail;
import se.arkiv.search.InvalidQuery;

/** Reading and verifying the audit trail: auditors and records managers only. */
@RestController
class AuditController {

  private static final int MAX_PAGE = 500;

  private final AuditTrail trail;
  private final AuditRecorder audit;

  AuditController(AuditTrail trail, AuditRecorder audit) {
    this.trail = trail;
    this.audit = audit;
  }

  record AuditPage(List<AuditEntry> entries, int page, int size) {}

  @Operation(
      operationId = "listAuditEntries",
      tags = ApiDescription.AUDIT,
      summary = "Find audit entries",
      description =
          "Entries of the hash-chained audit trail by record, actor, action and time, a page at a time (size 1 to 500). Reading the trail is itself audited.")
  @GetMapping("/api/audit")
  AuditPage entries(
      @RequestParam(required = false) String record,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    if (size < 1 || size > MAX_PAGE || page < 0) {
      throw new InvalidQuery("size: 1 to " + MAX_PAGE + "; page: 0 or more");
    }
    List<AuditEntry> found =
        trail.find(new AuditQuery(record, actor, action, from, to), page * size, size);
    audit.success(
        "audit.read",
        record,
        Map.of(
            "actor",
            String.valueOf(actor),
            "action",
            String.valueOf(action),
            "hits",
            found.size()));
    return new AuditPage(found, page, size);
  }

  /** Every entry about one record, destroyed or not: its history outlives it. */
  @Operation(
      operationId = "getRecordHistory",
      tags = ApiDescription.AUDIT,
      summary = "Read a record's history",
      description =
          "Every audit entry about one record, destroyed or not: its history outlives it.")
  @GetMapping("/api/records/{id}/history")
  List<AuditEntry> history(@PathVariable String id) {
    List<AuditEntry> found = trail.find(AuditQuery.target(id), 0, 10_000);
    audit.success("audit.history", id, Map.of("hits", found.size()));
    return found;
  }

  @Operation(
      operationId = "verifyAuditTrail",
      tags = ApiDescription.AUDIT,
      summary = "Verify the audit trail",
      description =
          "Recomputes the hash chain: valid with the entry count and head hash, or the first invalid sequence number and why.")
  @GetMapping("/api/audit/verify")
  Map<String, Object> verify() {
    AuditTrail.Verification result = trail.verify();
    audit.success(
        "audit.verify", null, Map.of("valid", result.valid(), "entries", result.entries()));
    if (result.valid()) {
      return Map.of("valid", true, "entries", result.entries(), "head", result.head());
    }
    return Map.of(
        "valid", false,
        "entries", result.entries(),
        "firstInvalidSequence", result.firstInvalidSequence(),
        "reason", result.reason());
  }
}
