/** Accepting files: spooling and hashing, duplicate detection, the write protocol, extraction. */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "extraction", "cluster"})
package se.arkiv.filing;
