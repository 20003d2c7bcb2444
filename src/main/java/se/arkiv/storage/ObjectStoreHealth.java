package se.arkiv.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code objectStore} in {@code /actuator/health}: DOWN when the store does not answer or (on S3)
 * its bucket's Object Lock is no longer as configured, so a load balancer stops sending filings to
 * a node that cannot store them, or cannot store them locked.
 */
@Component("objectStoreHealthIndicator")
class ObjectStoreHealth implements HealthIndicator {

  private final ObjectStore store;

  ObjectStoreHealth(ObjectStore store) {
    this.store = store;
  }

  @Override
  public Health health() {
    Health.Builder health;
    try {
      store.checkServing();
      health = Health.up();
    } catch (RuntimeException e) {
      // Details are shown to administrators only; the messages name the bucket, never a secret.
      health =
          Health.down()
              .withDetail(
                  "problem",
                  e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return health
        .withDetail("store", store.describe())
        .withDetail("retentionEnforcedBy", store.lockEnforcement())
        .build();
  }
}
