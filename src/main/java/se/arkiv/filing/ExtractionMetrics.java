package se.arkiv.filing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The extraction backlog as gauges: {@code arkiv.extraction.waiting} per lane, {@code
 * arkiv.extraction.oldest.waiting} in seconds, {@code arkiv.extraction.running} and the longest
 * running extraction in seconds; {@code arkiv.index.lag}, the records filed whose text is not
 * searchable yet (their metadata is, from the moment they are filed).
 */
@Component
class ExtractionMetrics implements MeterBinder {

  private final ExtractionQueue queue;
  private final Clock clock;

  ExtractionMetrics(ExtractionQueue queue, Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ExtractionLane lane : ExtractionLane.values()) {
      Gauge.builder(
              "arkiv.extraction.waiting",
              queue,
              q ->
                  switch (lane) {
                    case INTERACTIVE -> q.backlog().interactive();
                    case BULK -> q.backlog().bulk();
                    case ARCHIVAL -> q.backlog().archival();
                  })
          .tag("lane", lane.name().toLowerCase(Locale.ROOT))
          .description("Records waiting for extraction")
          .register(registry);
    }
    Gauge.builder(
            "arkiv.extraction.oldest.waiting", queue, q -> q.backlog().oldestWaiting().toSeconds())
        .baseUnit("seconds")
        .description("How long the record waiting longest for extraction has waited")
        .register(registry);
    Gauge.builder(
            "arkiv.index.lag",
            queue,
            q -> q.backlog().interactive() + q.backlog().bulk() + q.backlog().running().size())
        .description("Records filed whose text is not searchable yet: waiting or being extracted")
        .register(registry);
    Gauge.builder("arkiv.extraction.running", queue, q -> q.backlog().running().size())
        .description("Records being extracted now")
        .register(registry);
    Gauge.builder(
            "arkiv.extraction.longest.running",
            queue,
            q ->
                q.backlog().running().stream()
                    .mapToLong(r -> r.runningFor(clock.instant()).toSeconds())
                    .max()
                    .orElse(0))
        .baseUnit("seconds")
        .description("How long the longest extraction now running has run")
        .register(registry);
  }
}
