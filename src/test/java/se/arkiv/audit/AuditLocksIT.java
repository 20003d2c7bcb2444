package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.storage.ObjectStore;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;

/**
 * The sealed trail stays locked in the store for the file plan's longest retention plus a year,
 * rolled forward by the renewal, so the store keeps it at least as long as any record it covers.
 */
class AuditLocksIT {

  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void sealedSegmentsAreLockedForTheLongestRetentionAndTheLockRolls() throws Exception {
    MovableClockSource.CLOCK.set(NOW);
    try (RunningArkiv arkiv =
        RunningArkiv.start(Map.of(), MovableClockSource.class, InProcessExtractionSource.class)) {
      arkiv
          .client()
          .file(
              CLERK,
              "brev.txt",
              "Ett brev".getBytes(StandardCharsets.UTF_8),
              "{\"recordClass\":\"CORRESPONDENCE\"}");
      AuditTrail trail = arkiv.context().getBean(AuditTrail.class);
      AuditLocks locks = arkiv.context().getBean(AuditLocks.class);
      ObjectStore store = arkiv.context().getBean(ObjectStore.class);
      trail.seal();

      // The shipped file plan keeps account agreements and KYC files up to ten years.
      assertThat(locks.length()).isEqualTo(Period.ofYears(11));
      List<String> sealed = store.list(SegmentFiles.SEGMENTS).toList();
      List<String> checkpoints = store.list(SegmentFiles.CHECKPOINTS).toList();
      assertThat(sealed).isNotEmpty();
      assertThat(checkpoints).isNotEmpty();
      Instant first = Instant.parse("2037-03-02T08:00:00Z");
      assertThat(store.retainedUntil(sealed.get(0))).contains(first);
      assertThat(store.retainedUntil(checkpoints.get(0))).contains(first);

      MovableClockSource.CLOCK.advance(Duration.ofDays(31));
      locks.renewAll();
      assertThat(store.retainedUntil(sealed.get(0))).contains(first.plus(Duration.ofDays(31)));
      assertThat(store.retainedUntil(checkpoints.get(0))).contains(first.plus(Duration.ofDays(31)));
    }
  }
}
