package se.arkiv.fixity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code fixity} in {@code /actuator/health}: OUT_OF_SERVICE while the latest run has findings a
 * person must look at, UP otherwise. Not DOWN: the node serves every other record, and every node
 * shares the same store, so DOWN would take the whole archive off the load balancer for one bad
 * object. OUT_OF_SERVICE is answered with HTTP 200 (application.yaml), so monitoring sees it and
 * load balancers keep sending traffic.
 */
@Component("fixityHealthIndicator")
class FixityHealth implements HealthIndicator, MeterBinder {

  private final FixityRuns runs;

  FixityHealth(FixityRuns runs) {
    this.runs = runs;
  }

  /** {@code arkiv.fixity.unresolved}: the findings a person still has to look at. */
  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(
            "arkiv.fixity.unresolved",
            runs,
            r -> r.latestWithUnresolved().map(FixityRun::unresolved).orElse(0L))
        .description("Fixity findings a person still has to look at")
        .register(registry);
  }

  @Override
  public Health health() {
    return runs.latestWithUnresolved()
        .map(
            run ->
                Health.status(Status.OUT_OF_SERVICE)
                    .withDetail("run", run.id())
                    .withDetail("unresolvedFindings", run.unresolved())
                    .build())
        .orElseGet(() -> Health.up().build());
  }
}
