package se.arkiv.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code audit} in {@code /actuator/health}, and the meters {@code arkiv.audit.unsealed.entries},
 * {@code arkiv.audit.seal.lag} and {@code arkiv.audit.index.behind}: entries are durable locally
 * from the moment they are written, but tamper-evident in the store only once sealed. When the
 * oldest unsealed entry is older than twice the seal interval, sealing is failing (the store
 * refuses it) and a person must look: OUT_OF_SERVICE, which is HTTP 200, because every request is
 * still audited locally.
 */
@Component("auditHealthIndicator")
class AuditSealHealth implements HealthIndicator, MeterBinder {

  private final AuditSegmentWriter writer;
  private final AuditIndex index;
  private final AuditSettings settings;
  private final Clock clock;

  AuditSealHealth(
      AuditSegmentWriter writer, AuditIndex index, AuditSettings settings, Clock clock) {
    this.writer = writer;
    this.index = index;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Entries of this node's chain the trail's index does not hold yet: the local segment's, and
   * after a rebuild or a seal those still being indexed. Searches read them from the trail, so this
   * is speed, not correctness: the health stays UP.
   */
  long notIndexed() {
    return Math.max(0, writer.durableHead().seq() - index.through(writer.chain()));
  }

  /** Seconds since the oldest entry not yet sealed was written; 0 when every entry is sealed. */
  double lagSeconds() {
    AuditSegmentWriter.SealLag lag = writer.sealLag();
    return lag.oldestUnsealed() == null
        ? 0
        : Math.max(0, Duration.between(lag.oldestUnsealed(), clock.instant()).toMillis() / 1000.0);
  }

  @Override
  public Health health() {
    AuditSegmentWriter.SealLag lag = writer.sealLag();
    double seconds = lagSeconds();
    Duration allowed = settings.sealInterval().multipliedBy(2);
    Instant failing = writer.failingSince();
    // A trail that cannot be written refuses every audited action: no node to send work to.
    Health.Builder health =
        failing != null
            ? Health.down().withDetail("writeFailingSince", failing.toString())
            : seconds > allowed.toSeconds() ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
    health
        .withDetail("unsealedEntries", lag.unsealedEntries())
        .withDetail("oldestUnsealedSeconds", Math.round(seconds))
        .withDetail("sealInterval", settings.sealInterval().toString())
        .withDetail("notIndexedEntries", notIndexed());
    if (lag.lastSealed() != null) {
      health.withDetail("lastSealedAt", lag.lastSealed().toString());
    }
    return health.build();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("arkiv.audit.unsealed.entries", writer, w -> w.sealLag().unsealedEntries())
        .description("Audit entries in the local segment, not yet sealed into the store")
        .register(registry);
    Gauge.builder("arkiv.audit.seal.lag", this, AuditSealHealth::lagSeconds)
        .baseUnit("seconds")
        .description("Age of the oldest audit entry not yet sealed into the store")
        .register(registry);
    Gauge.builder("arkiv.audit.index.behind", this, AuditSealHealth::notIndexed)
        .description(
            "Audit entries not in the trail's index yet; searches read them from the trail")
        .register(registry);
  }
}
