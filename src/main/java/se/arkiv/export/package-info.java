/**
 * Evidence exports: records chosen by a query, a legal hold, a class or their ids, written as a
 * BagIt bag (RFC 8493) that an auditor verifies with any BagIt tool, without Arkiv.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "search", "retention", "audit", "security"})
package se.arkiv.export;
