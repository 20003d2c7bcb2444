/**
 * Retention: clocks from the file plan, retention events, legal holds, and disposition runs that
 * destroy records with a certificate when the law lets them, never earlier and never under hold.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "search", "filing", "cluster"})
package se.arkiv.retention;
