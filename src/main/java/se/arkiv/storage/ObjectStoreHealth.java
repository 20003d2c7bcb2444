package se.arkiv.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} goes DOWN when the object store does not answer, so a load balancer
 * stops sending filings to a node that cannot store them.
 */
@Component("objectStoreHealthIndicator")
class ObjectStoreHealth implements HealthIndicator {

  private final ObjectStore store;

  ObjectStoreHealth(ObjectStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    try {
      store.stat("health/probe");
      return Health.up().withDetail("store", store.describe()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("store", store.describe()).build();
    }
  }
}
