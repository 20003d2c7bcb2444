/**
 * Text extraction with Apache Tika, in child processes: bounded in size, time and work, and never
 * fatal to a filing. It uses storage only for its settings: Tika's temporary files go to the spool.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"record", "storage"})
package se.arkiv.extraction;
