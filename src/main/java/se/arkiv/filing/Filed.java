package se.arkiv.filing;

import se.arkiv.record.RecordMetadata;

/**
 * The outcome of a filing.
 *
 * @param created false when the same bytes were already filed with the same class and keys, and
 *     {@code record} is that earlier record
 */
public record Filed(RecordMetadata record, boolean created) {}
