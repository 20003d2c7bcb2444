package se.arkiv.storage;

import java.time.Instant;

/** What the store knows about one object. */
public record ObjectInfo(String key, long size, Instant lastModified) {}
