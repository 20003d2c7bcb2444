/**
 * Data subjects' requests (GDPR): what the archive holds about a person, found by their personal
 * number, and erasure requests, answered record by record as the law allows: restricted until
 * retention ends where a law obliges the bank to keep the record, destroyed by disposition where
 * none does any more.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "search", "retention", "security"})
package se.arkiv.privacy;
