package se.arkiv.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the trail as stored. A line of a segment is {@code <hash> <json>}: the SHA-256 (hex)
 * of the exact UTF-8 bytes of the JSON that follows the space, and the JSON carries the hash of the
 * previous entry, so changing, removing or reordering any entry breaks the chain after it.
 *
 * @param node the node whose chain holds the entry, when several nodes share the store; absent from
 *     the JSON of the only node's entries, whose lines are as they always were. It is inside the
 *     hash, so an entry cannot be passed off as another chain's.
 */
public record AuditEntry(
    long seq,
    Instant time,
    String actor,
    List<String> roles,
    String client,
    String action,
    String target,
    AuditEvent.Outcome outcome,
    String reason,
    Map<String, Object> details,
    Map<String, Object> before,
    Map<String, Object> after,
    String prevHash,
    @JsonInclude(JsonInclude.Include.NON_NULL) String node) {}
