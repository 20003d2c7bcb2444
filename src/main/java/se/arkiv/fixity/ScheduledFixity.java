package se.arkiv.fixity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled run ({@code arkiv.fixity.cron}, off by default). */
@Component
class ScheduledFixity {

  private static final Logger log = LoggerFactory.getLogger(ScheduledFixity.class);
  static final String ACTOR = "arkiv-scheduler";

  private final FixityRuns runs;

  ScheduledFixity(FixityRuns runs) {
    this.runs = runs;
  }

  @Scheduled(cron = "${arkiv.fixity.cron:-}", zone = "Europe/Stockholm")
  void run() {
    try {
      FixityRun run = runs.start(ACTOR);
      log.info("Scheduled fixity run {} started over {} records", run.id(), run.total());
    } catch (FixityRunInProgress e) {
      // The last run is still going (a large archive, a short schedule): it is not doubled.
      log.warn("Scheduled fixity run skipped: {}", e.getMessage());
    }
  }
}
