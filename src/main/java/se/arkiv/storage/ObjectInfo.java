package se.arkiv.storage;

import java.time.Instant;

/**
 * What the store knows about one object.
 *
 * @param versionId the store's version id (S3 with versioning), or null
 */
public record ObjectInfo(String key, long size, Instant lastModified, String versionId) {}
