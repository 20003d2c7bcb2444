package se.arkiv.fixity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;

/** The scheduled run ({@code arkiv.fixity.cron}, off by default). */
@Component
class ScheduledFixity {

  private static final Logger log = LoggerFactory.getLogger(ScheduledFixity.class);
  static final String ACTOR = "arkiv-scheduler";

  private final FixityRuns runs;
  private final Leadership leadership;

  ScheduledFixity(FixityRuns runs, Leadership leadership) {
    this.runs = runs;
    this.leadership = leadership;
  }

  /** On the leading node only: every node has the same schedule, the run happens once. */
  @Scheduled(cron = "${arkiv.fixity.cron:-}", zone = "Europe/Stockholm")
  void run() {
    if (!leadership.leads()) {
      return;
    }
    try {
      FixityRun run = runs.start(ACTOR);
      log.info("Scheduled fixity run {} started over {} records", run.id(), run.total());
    } catch (FixityRunInProgress e) {
      // The last run is still going (a large archive, a short schedule): it is not doubled.
      log.warn("Scheduled fixity run skipped: {}", e.getMessage());
    }
  }
}
