package se.arkiv.storage;

import java.time.Instant;

/**
 * One version of an object as the store lists it, delete markers included: what fixity compares
 * with what the metadata declares.
 *
 * @param versionId the store's version id, or null on a store without versions
 * @param latest true for the version a plain read (without a version id) would get
 * @param deleteMarker true for a delete marker: a delete without a version id hid the object
 */
public record ObjectVersion(
    String key,
    String versionId,
    boolean latest,
    boolean deleteMarker,
    long size,
    Instant lastModified) {}
