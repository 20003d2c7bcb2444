package se.arkiv.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;

/**
 * The scheduled run ({@code arkiv.disposition.cron}, off by default): destroys eligible records of
 * classes that need no review, with the same re-checks and certificate as a manual run.
 */
@Component
class ScheduledDisposition {

  private static final Logger log = LoggerFactory.getLogger(ScheduledDisposition.class);
  static final String ACTOR = "arkiv-scheduler";

  private final DispositionRuns runs;
  private final Leadership leadership;

  ScheduledDisposition(DispositionRuns runs, Leadership leadership) {
    this.runs = runs;
    this.leadership = leadership;
  }

  /** On the leading node only: every node has the same schedule, the run happens once. */
  @Scheduled(cron = "${arkiv.disposition.cron:-}", zone = "Europe/Stockholm")
  void run() {
    if (!leadership.leads()) {
      return;
    }
    DispositionRun run = runs.start(false, null, null, true, ACTOR);
    if (run.candidates().isEmpty()) {
      log.info("Scheduled disposition run {}: nothing eligible", run.id());
      return;
    }
    runs.execute(run.id(), ACTOR);
    log.info(
        "Scheduled disposition run {}: executing {} candidates in the background",
        run.id(),
        run.candidates().size());
  }
}
