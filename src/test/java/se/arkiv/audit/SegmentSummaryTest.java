package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A summary may only ever rule out segments that hold no match. */
class SegmentSummaryTest {

  private static AuditEntry entry(long seq, String action, String target) {
    return TrailOnDisk.event(action, target)
        .entry(seq, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(seq), ChainLine.GENESIS);
  }

  @Test
  void neverRulesOutWhatTheSegmentHolds() {
    SegmentSummary summary = new SegmentSummary();
    for (int i = 0; i < 1000; i++) {
      summary.add(entry(i, i % 2 == 0 ? "record.view" : "search", "record-" + i));
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(summary.mayMatch(AuditQuery.target("record-" + i))).isTrue();
    }
    assertThat(summary.mayMatch(new AuditQuery(null, TrailOnDisk.ACTOR, "record.", null, null)))
        .isTrue();
    assertThat(
            summary.mayMatch(
                new AuditQuery(null, null, null, Instant.parse("2026-11-26T10:10:00Z"), null)))
        .isTrue();
  }

  @Test
  void rulesOutOtherActorsActionsTimesAndMostOtherTargets() {
    SegmentSummary summary = new SegmentSummary();
    for (int i = 0; i < 1000; i++) {
      summary.add(entry(i, "record.view", "record-" + i));
    }
    assertThat(summary.mayMatch(new AuditQuery(null, "aud", null, null, null))).isFalse();
    assertThat(summary.mayMatch(new AuditQuery(null, null, "hold.", null, null))).isFalse();
    assertThat(
            summary.mayMatch(
                new AuditQuery(null, null, null, Instant.parse("2026-11-27T00:00:00Z"), null)))
        .isFalse();
    assertThat(
            summary.mayMatch(
                new AuditQuery(null, null, null, null, Instant.parse("2026-11-26T10:00:00Z"))))
        .isFalse();
    long maybe = 0;
    for (int i = 0; i < 1000; i++) {
      if (summary.mayMatch(AuditQuery.target("other-" + i))) {
        maybe++;
      }
    }
    // A Bloom filter of 8,192 bits and 3 hashes over 1,000 targets: about 3 % false "maybe".
    assertThat(maybe).isLessThan(100);
  }
}
