package se.arkiv.filing;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import se.arkiv.extraction.ExtractionChildren;

/**
 * {@code extraction} in {@code /actuator/health}: the backlog (waiting per lane, the oldest wait)
 * and each record being extracted with how long it has run; details for administrators only.
 * OUT_OF_SERVICE when no extraction child process can be started: filing still works, and the
 * records wait, pending, until one can.
 */
@Component("extractionHealthIndicator")
class ExtractionHealth implements HealthIndicator {

  private final ExtractionQueue queue;
  private final ExtractionChildren children;
  private final Clock clock;

  ExtractionHealth(ExtractionQueue queue, ExtractionChildren children, Clock clock) {
    this.queue = queue;
    this.children = children;
    this.clock = clock;
  }

  @Override
  public Health health() {
    ExtractionBacklog backlog = queue.backlog();
    Instant now = clock.instant();
    Health.Builder health =
        children.lastStartFailure() == null
            ? Health.up()
            : Health.status(Status.OUT_OF_SERVICE)
                .withDetail("childStartFailure", children.lastStartFailure());
    return health
        .withDetail("waitingInteractive", backlog.interactive())
        .withDetail("waitingBulk", backlog.bulk())
        .withDetail("oldestWaitingSeconds", backlog.oldestWaiting().toSeconds())
        .withDetail("childProcesses", children.running())
        .withDetail(
            "running",
            backlog.running().stream()
                .map(
                    r ->
                        Map.of(
                            "record", r.id().value(),
                            "fileName", r.fileName(),
                            "lane", r.lane().name(),
                            "seconds", r.runningFor(now).toSeconds()))
                .toList())
        .build();
  }
}
