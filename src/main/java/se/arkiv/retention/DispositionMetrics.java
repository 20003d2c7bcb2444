package se.arkiv.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Disposition progress as meters, from the events the destruction publishes: {@code
 * arkiv.disposition.destroyed} (records destroyed in every copy), {@code
 * arkiv.disposition.runs.finished} (runs carried out to their certificate) and {@code
 * arkiv.disposition.not.destroyed} (candidates a run's re-check kept, for a hold or a changed
 * rule).
 */
@Component
class DispositionMetrics {

  private final Counter destroyed;
  private final Counter runsFinished;
  private final Counter notDestroyed;

  DispositionMetrics(MeterRegistry registry) {
    destroyed =
        Counter.builder("arkiv.disposition.destroyed")
            .description("Records destroyed by disposition runs")
            .register(registry);
    runsFinished =
        Counter.builder("arkiv.disposition.runs.finished")
            .description("Disposition runs carried out to their certificate")
            .register(registry);
    notDestroyed =
        Counter.builder("arkiv.disposition.not.destroyed")
            .description("Candidates that a run's re-check kept")
            .register(registry);
  }

  @EventListener
  void on(RecordDestroyed event) {
    destroyed.increment();
  }

  @EventListener
  void on(DispositionRunFinished event) {
    runsFinished.increment();
    notDestroyed.increment(event.notDestroyed());
  }
}
