package se.arkiv.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import se.arkiv.record.RecordId;
import se.arkiv.storage.StorageUnavailable;

class ExtractionSetbacksTest {

  private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
  private static final RecordId ID = RecordId.newId(Clock.fixed(NOW, ZoneOffset.UTC));

  private final Set<RecordId> queued = ConcurrentHashMap.newKeySet();
  private final List<RecordId> resubmitted = new ArrayList<>();
  private final RecordingScheduler scheduler = new RecordingScheduler();
  private final ExtractionSetbacks setbacks =
      new ExtractionSetbacks(
          queued,
          id -> {
            resubmitted.add(id);
            return true;
          },
          scheduler,
          Clock.fixed(NOW, ZoneOffset.UTC));

  /** Keeps what it is asked to schedule, and runs nothing. */
  private static final class RecordingScheduler extends ThreadPoolTaskScheduler {
    final List<Instant> at = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
      at.add(startTime);
      tasks.add(task);
      return null;
    }
  }

  @Test
  void anOutageOfTheStoreIsTriedAgainWithBackoffThenLeftToTheSweep() {
    for (int attempt = 1; attempt <= 9; attempt++) {
      queued.add(ID);
      setbacks.failed(ID, new StorageUnavailable("the store is down", null));
      assertThat(queued).doesNotContain(ID);
    }

    assertThat(scheduler.at)
        .extracting(at -> Duration.between(NOW, at).toSeconds())
        .containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    scheduler.tasks.get(0).run();
    assertThat(resubmitted).containsExactly(ID);
    // The ninth outage in a row is the sweep's.
    assertThat(setbacks.resubmitDropped()).isEqualTo(1);
    assertThat(setbacks.resubmitDropped()).isZero();
  }

  @Test
  void aRecordWrittenStartsItsBackoffAfresh() {
    setbacks.failed(ID, new StorageUnavailable("down", null));
    setbacks.failed(ID, new StorageUnavailable("down", null));
    setbacks.finished(ID);

    setbacks.failed(ID, new StorageUnavailable("down again", null));

    assertThat(scheduler.at)
        .extracting(at -> Duration.between(NOW, at).toSeconds())
        .containsExactly(2L, 4L, 2L);
  }

  @Test
  void anUnexpectedFailureWaitsForTheSweepWithoutRetries() {
    queued.add(ID);

    setbacks.failed(ID, new IllegalStateException("a bug"));

    assertThat(queued).isEmpty();
    assertThat(scheduler.at).isEmpty();
    assertThat(setbacks.resubmitDropped()).isEqualTo(1);
  }

  @Test
  void aStopOfTheServiceIsNeitherRetriedNorDropped() {
    setbacks.failed(ID, new CancellationException("stopping"));

    assertThat(scheduler.at).isEmpty();
    assertThat(setbacks.resubmitDropped()).isZero();
  }

  @Test
  void anErrorIsThrownOnAndTheRecordLeftToTheSweep() {
    queued.add(ID);

    assertThatThrownBy(() -> setbacks.failed(ID, new OutOfMemoryError("heap")))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(queued).isEmpty();
    assertThat(setbacks.resubmitDropped()).isEqualTo(1);
  }
}
