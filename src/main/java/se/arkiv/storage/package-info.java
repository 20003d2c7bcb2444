/** The object store port, its adapters, and the documented layout of records in the store. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"record"})
package se.arkiv.storage;
