/**
 * The tamper-evident audit trail: hash-chained entries, appended and fsync'd locally, sealed in
 * segments into the object store with checkpoints, verified and queried.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "retention", "cluster"})
package se.arkiv.audit;
