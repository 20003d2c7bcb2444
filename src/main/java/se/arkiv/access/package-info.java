/**
 * Who may see, file and correct which record: the department scope, the correction rights and how
 * much of a record's retention a role is shown. The API and the UI both call these rules, so they
 * cannot disagree.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "security", "filing", "retention", "storage"})
package se.arkiv.access;
