package se.arkiv.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One record in a subject-access report.
 *
 * @param foundIn where the person's number is: {@code text}, {@code customerId}, {@code employeeId}
 * @param retentionStatus RETAINED, EVENT_PENDING, ELIGIBLE or HELD
 * @param retainUntil the end of its retention, or null while it waits for an event
 * @param legalSource the laws it is kept under, from its record class
 * @param restricted whether an erasure request has restricted it
 */
public record SubjectRecord(
    String id,
    String title,
    String recordClass,
    String department,
    LocalDate documentDate,
    Instant filedAt,
    List<String> foundIn,
    String retentionStatus,
    Instant retainUntil,
    String legalSource,
    boolean restricted) {}
