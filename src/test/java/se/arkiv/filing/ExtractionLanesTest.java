package se.arkiv.filing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import se.arkiv.record.RecordId;

class ExtractionLanesTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

  private static RecordId id(int n) {
    return new RecordId(String.format("01a2346f-dd63-7c25-a741-%012d", n));
  }

  @Test
  void aClerksFilingGoesBeforeBulkWorkFiledEarlier() throws InterruptedException {
    ExtractionLanes lanes = new ExtractionLanes(2, 100, clock);
    lanes.add(id(1), ExtractionLane.BULK);
    lanes.add(id(2), ExtractionLane.BULK);
    lanes.add(id(3), ExtractionLane.INTERACTIVE);

    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(3));
    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(1));
  }

  @Test
  void withTwoWorkersOneIsAlwaysFreeForClerksFilings() throws InterruptedException {
    ExtractionLanes lanes = new ExtractionLanes(2, 100, clock);
    lanes.add(id(1), ExtractionLane.BULK);
    lanes.add(id(2), ExtractionLane.BULK);
    ExtractionLanes.Waiting first = lanes.take().orElseThrow();

    // The second bulk record waits: only one worker may do bulk work.
    lanes.add(id(3), ExtractionLane.INTERACTIVE);
    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(3));
    assertThat(lanes.waiting(ExtractionLane.BULK)).isEqualTo(1);

    lanes.finished(first);
    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(2));
  }

  @Test
  void archivalCopiesWaitBehindAllTextAndLeaveAWorkerForClerks() throws InterruptedException {
    ExtractionLanes lanes = new ExtractionLanes(2, 100, clock);
    lanes.add(id(1), ExtractionLane.ARCHIVAL);
    lanes.add(id(2), ExtractionLane.ARCHIVAL);
    lanes.add(id(3), ExtractionLane.BULK);
    lanes.add(id(4), ExtractionLane.INTERACTIVE);

    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(4));
    ExtractionLanes.Waiting bulk = lanes.take().orElseThrow();
    assertThat(bulk.id()).isEqualTo(id(3));
    lanes.finished(bulk);
    ExtractionLanes.Waiting copy = lanes.take().orElseThrow();
    assertThat(copy.id()).isEqualTo(id(1));

    // One worker makes a copy; the other stays for text, however many copies wait.
    lanes.add(id(5), ExtractionLane.INTERACTIVE);
    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(5));
    assertThat(lanes.waiting(ExtractionLane.ARCHIVAL)).isEqualTo(1);
    assertThat(lanes.oldest()).as("copies do not count as text waiting").isEmpty();
    lanes.finished(copy);
    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(2));
  }

  @Test
  void aSingleWorkerStillDoesBulkWork() throws InterruptedException {
    ExtractionLanes lanes = new ExtractionLanes(1, 100, clock);
    lanes.add(id(1), ExtractionLane.BULK);

    assertThat(lanes.take().orElseThrow().id()).isEqualTo(id(1));
  }

  @Test
  void refusesBeyondItsCapacityAndTellsTheOldestWait() {
    ExtractionLanes lanes = new ExtractionLanes(1, 2, clock);

    assertThat(lanes.add(id(1), ExtractionLane.BULK)).isTrue();
    assertThat(lanes.add(id(2), ExtractionLane.INTERACTIVE)).isTrue();
    assertThat(lanes.add(id(3), ExtractionLane.INTERACTIVE)).isFalse();
    assertThat(lanes.oldest()).contains(clock.instant());
  }

  @Test
  void closingReleasesAWaitingWorker() throws InterruptedException {
    ExtractionLanes lanes = new ExtractionLanes(1, 2, clock);
    Thread closer = new Thread(lanes::close);
    closer.start();

    assertThat(lanes.take()).isEmpty();
    closer.join();
  }
}
