package se.arkiv.retention;

import java.time.Instant;
import java.util.List;

/**
 * A legal hold: records matching {@code query} and/or listed in {@code recordIds}, now and filed
 * later, cannot be destroyed until it is released. Stored as {@code holds/<id>/000001.json}; the
 * release is version 2.
 */
public record LegalHold(
    int schemaVersion,
    String id,
    String name,
    String reason,
    String caseReference,
    String query,
    List<String> recordIds,
    Instant placedAt,
    String placedBy,
    Instant releasedAt,
    String releasedBy,
    String releaseReason) {

  public LegalHold {
    recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
  }

  public boolean active() {
    return releasedAt == null;
  }

  LegalHold released(Instant at, String by, String why) {
    return new LegalHold(
        schemaVersion,
        id,
        name,
        reason,
        caseReference,
        query,
        recordIds,
        placedAt,
        placedBy,
        at,
        by,
        why);
  }
}
