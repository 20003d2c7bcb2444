/**
 * Full-text search over the archive: the derived Lucene index, its analysis, queries, facets,
 * highlights and cursors, and its rebuild from the object store. No Lucene type leaves it.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"record", "storage", "cluster"})
package se.arkiv.search;
