package se.arkiv.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;

/**
 * What each node keeps in memory of the retention state the store holds (holds, events, the file
 * plan, disposition runs), read again from the store when this node is one of several: another node
 * may have changed it. Every {@code arkiv.node.refresh-interval} (15 s): the holds, the file plan,
 * the runs and any new event; every event again only every twentieth time (there may be tens of
 * thousands, and each is a read). Before every slice a disposition run destroys: the holds, any new
 * event and the events the run rests on, so a hold placed or an event retracted on any node stops
 * destruction on the leading node at its next slice. The only node never reads them again: all
 * changes pass through it.
 */
@Component
class SharedRetentionState {

  private static final Logger log = LoggerFactory.getLogger(SharedRetentionState.class);

  private final LegalHolds holds;
  private final RetentionEvents events;
  private final FilePlanChanges filePlan;
  private final DispositionRunStore runs;
  private final boolean oneOfSeveral;
  private int refreshes;

  SharedRetentionState(
      LegalHolds holds,
      RetentionEvents events,
      FilePlanChanges filePlan,
      DispositionRunStore runs,
      Leadership leadership) {
    this.holds = holds;
    this.events = events;
    this.filePlan = filePlan;
    this.runs = runs;
    this.oneOfSeveral = !leadership.node().isEmpty();
  }

  @Scheduled(
      initialDelayString = "${arkiv.node.refresh-interval:15s}",
      fixedDelayString = "${arkiv.node.refresh-interval:15s}")
  void refresh() {
    if (!oneOfSeveral) {
      return;
    }
    try {
      filePlan.reload();
      if (++refreshes % 20 == 0) {
        events.reload();
      } else {
        events.reloadNew();
      }
      holds.reload();
      runs.reload();
    } catch (RuntimeException e) {
      log.warn("Could not read the retention state from the store again: {}", e.toString());
    }
  }

  /** Before a slice of {@code run} is destroyed: what could keep its records, as stored now. */
  void beforeDestroying(DispositionRun run) {
    if (oneOfSeveral) {
      holds.reload();
      events.reloadNew();
      events.reload(run.dependsOnEvents());
    }
  }

  boolean oneOfSeveral() {
    return oneOfSeveral;
  }
}
