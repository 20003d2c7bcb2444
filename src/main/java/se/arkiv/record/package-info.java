/** The record model: ids, record classes of the file plan, metadata versions and their events. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package se.arkiv.record;
