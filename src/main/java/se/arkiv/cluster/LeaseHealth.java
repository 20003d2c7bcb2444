package se.arkiv.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code cluster} in {@code /actuator/health}: this node's name, whether it leads, and who holds
 * the lease as last read. Always UP: a node that does not lead serves everything but the once-only
 * work.
 */
@Component("clusterHealthIndicator")
class LeaseHealth implements HealthIndicator {

  private final Leadership leadership;

  LeaseHealth(Leadership leadership) {
    this.leadership = leadership;
  }

  @Override
  public Health health() {
    Health.Builder health =
        Health.up().withDetail("node", leadership.node()).withDetail("leads", leadership.leads());
    if (leadership instanceof NodeLease lease) {
      lease
          .lastRead()
          .ifPresent(
              read ->
                  health.withDetail("leaseHolder", read.holder()).withDetail("term", read.term()));
    }
    return health.build();
  }
}
