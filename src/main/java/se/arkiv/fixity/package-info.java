/**
 * Fixity: on a schedule and on demand, every record's stored objects are compared with what its
 * metadata declares, findings are audited and alerted, and derived objects are re-derived from a
 * verified original.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "audit", "extraction", "cluster"})
package se.arkiv.fixity;
