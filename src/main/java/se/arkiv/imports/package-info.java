/** Bulk import of a legacy archive: a folder or BagIt bag and a manifest, filed with provenance. */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "filing", "cluster"})
package se.arkiv.imports;
