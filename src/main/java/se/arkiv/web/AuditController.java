package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import se.arkiv.audit.InvalidAuditQuery;
import se.arkiv.record.InvalidRecordId;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordNotFound;
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
          "Entries of the hash-chained audit trail by record, actor, action, time and free text, in trail order (oldest first), a page at a time (size 1 to 500). Answered from the trail's index and, for what it has not reached yet, from the trail itself. Reading the trail is itself audited.")
  @GetMapping("/api/audit")
  AuditPage entries(
      @Parameter(description = "The record (or hold, event, run) acted on, exactly")
          @RequestParam(required = false)
          String record,
      @Parameter(description = "Who acted, exactly") @RequestParam(required = false) String actor,
      @Parameter(description = "The action, by prefix: record. finds record.file and record.view")
          @RequestParam(required = false)
          String action,
      @Parameter(description = "From this moment, included (ISO 8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "Until this moment, excluded (ISO 8601)")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @Parameter(
              description =
                  "Free text (Lucene syntax: words, \"phrases\", AND/OR/NOT, prefix*; every word required) over everything an entry says: actor, roles, client, action, target, outcome, reason, details, before and after. Malformed: 400.")
          @RequestParam(required = false)
          String q,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    if (size < 1 || size > MAX_PAGE || page < 0) {
      throw new InvalidQuery("size: 1 to " + MAX_PAGE + "; page: 0 or more");
    }
    List<AuditEntry> found;
    try {
      found =
          trail.find(
              new AuditQuery(record, actor, action, from, to, q),
              Math.multiplyExact(page, size),
              size);
    } catch (InvalidAuditQuery e) {
      throw new InvalidQuery(e.getMessage());
    } catch (ArithmeticException e) {
      throw new InvalidQuery("page: too deep for this size");
    }
    audit.success(
        "audit.read",
        record,
        Map.of(
            "actor",
            String.valueOf(actor),
            "action",
            String.valueOf(action),
            "q",
            String.valueOf(q),
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
    // A destroyed record keeps its history, so the record need not exist; its id must be one.
    try {
      RecordId.of(id);
    } catch (InvalidRecordId e) {
      throw new RecordNotFound(id);
    }
    List<AuditEntry> found = trail.find(AuditQuery.target(id), 0, 10_000);
    audit.success("audit.history", id, Map.of("hits", found.size()));
    return found;
  }

  @Operation(
      operationId = "verifyAuditTrail",
      tags = ApiDescription.AUDIT,
      summary = "Verify the audit trail",
      description =
          "Recomputes every hash chain in the store (one per node) and checks the heads each chain's checkpoints witnessed of the others: valid with the entry count (all chains) and this node's head hash, or the first invalid chain's first invalid sequence number and why; `chains` has each chain's own result (`node` null for the only node's chain).")
  @GetMapping("/api/audit/verify")
  Map<String, Object> verify() {
    AuditTrail.Verification result = trail.verify();
    audit.success(
        "audit.verify", null, Map.of("valid", result.valid(), "entries", result.entries()));
    Map<String, Object> answer = outcome(result.valid(), result.entries(), result.head());
    if (!result.valid()) {
      answer.put("firstInvalidSequence", result.firstInvalidSequence());
      answer.put("reason", result.reason());
    }
    List<Map<String, Object>> chains = new ArrayList<>();
    for (AuditTrail.ChainResult chain : result.chains()) {
      Map<String, Object> one = new LinkedHashMap<>();
      // null for the chain of the only node (no arkiv.node.id), the one kept before there were
      // several
      one.put("node", chain.node());
      one.putAll(outcome(chain.valid(), chain.entries(), chain.head()));
      if (!chain.valid()) {
        one.put("firstInvalidSequence", chain.firstInvalidSequence());
        one.put("reason", chain.reason());
      }
      chains.add(one);
    }
    answer.put("chains", chains);
    return answer;
  }

  private static Map<String, Object> outcome(boolean valid, long entries, String head) {
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("valid", valid);
    outcome.put("entries", entries);
    if (valid) {
      outcome.put("head", head);
    }
    return outcome;
  }
}
