package se.arkiv.privacy;

import java.time.Instant;
import java.util.List;

/**
 * A data subject's request for erasure (GDPR art. 17) as recorded, and its answer for each of their
 * records. Kept once in the object store ({@code erasure-requests/<id>.json}): it is the evidence
 * that the request was received and how it was answered.
 */
public record ErasureRequest(
    String id,
    String personnummer,
    String reason,
    Instant receivedAt,
    String recordedBy,
    List<ErasureOutcome> outcomes) {

  public ErasureRequest {
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
  }
}
