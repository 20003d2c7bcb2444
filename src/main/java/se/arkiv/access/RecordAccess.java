package se.arkiv.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import se.arkiv.filing.FilingRequest;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.record.TypedValues;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.Retention;
import se.arkiv.retention.RetentionService;
import se.arkiv.retention.Tombstone;
import se.arkiv.security.Actor;
import se.arkiv.storage.RecordStore;

/**
 * The department scope of reading and filing. Auditors and records managers see every department; a
 * clerk sees and files only for their own.
 */
@Component
public class RecordAccess {

  /** A reason for reading a restricted record, as long as a correction's. */
  private static final int MAX_REASON = 1000;

  private final RecordStore store;
  private final RetentionService retention;
  private final DispositionRuns dispositions;

  RecordAccess(RecordStore store, RetentionService retention, DispositionRuns dispositions) {
    this.store = store;
    this.retention = retention;
    this.dispositions = dispositions;
  }

  /**
   * The current version of a record the actor may see. A malformed or unknown id is {@link
   * RecordNotFound}; a destroyed one {@link RecordGone} (if its department is in scope); a record
   * in another department {@link RecordOutsideScope}, which answers like a missing one.
   */
  public RecordMetadata find(Actor actor, String id) {
    RecordId recordId;
    try {
      recordId = RecordId.of(id);
    } catch (IllegalArgumentException e) {
      throw new RecordNotFound(id);
    }
    Optional<RecordMetadata> record = store.latest(recordId);
    if (record.isEmpty()) {
      Optional<Tombstone> tombstone = dispositions.tombstone(recordId);
      if (tombstone.isPresent() && actor.maySee(tombstone.get().department())) {
        throw new RecordGone(tombstone.get());
      }
      throw new RecordNotFound(id);
    }
    if (!actor.maySee(record.get().department())) {
      throw new RecordOutsideScope(id);
    }
    return record.get();
  }

  /**
   * Whether this actor may read a record now. A restricted record (GDPR: a data subject asked for
   * its erasure, a law keeps it) is read only by an auditor or records manager, with a reason the
   * caller audits, and is never changed.
   */
  public void requireReadable(Actor actor, RecordMetadata record, String reason, boolean change) {
    if (record.restriction() == null) {
      return;
    }
    String requestId = record.restriction().requestId();
    String restricted = "The record is restricted by erasure request " + requestId + "; ";
    if (change) {
      throw new RecordRestricted(requestId, restricted + "it is kept unchanged until disposition");
    }
    if (!actor.seesAllDepartments()) {
      throw new RecordRestricted(
          requestId, restricted + "only an auditor or records manager may read it");
    }
    if (reason == null || reason.isBlank()) {
      throw new RecordRestricted(
          requestId,
          restricted
              + "give your reason in the Arkiv-Reason header or the reason parameter; it is"
              + " audited");
    }
    if (!TypedValues.readable(reason, MAX_REASON)) {
      // The reason goes on the trail whole, beside every read it justifies.
      throw new RecordRestricted(
          requestId,
          restricted
              + "your reason may have at most "
              + MAX_REASON
              + " characters, "
              + TypedValues.TEXT_RULE);
    }
  }

  /**
   * The record's retention as this actor may see it: hold ids and names are for auditors and
   * records managers, a clerk sees only the status HELD.
   */
  public Retention retentionShownTo(Actor actor, RecordMetadata record) {
    Retention shown = retention.retentionOf(record);
    if (actor.seesAllDepartments()) {
      return shown;
    }
    return new Retention(
        shown.status(),
        shown.retainUntil(),
        shown.maximumUntil(),
        shown.rule(),
        shown.pendingEvent(),
        shown.conflict(),
        List.of(),
        shown.events());
  }

  /**
   * The filing as this actor may make it. A clerk files only for their own departments; without one
   * named, the first department of their users-file entry (or token) is used.
   */
  public FilingRequest scopedFiling(Actor actor, FilingRequest request) {
    if (actor.seesAllDepartments()) {
      return request;
    }
    String department = normalised(request.department());
    if (department == null) {
      if (actor.departments().isEmpty()) {
        throw new OutsideScope("You belong to no department, so you cannot file");
      }
      department = actor.departments().get(0);
    }
    if (!actor.departments().contains(department)) {
      throw new OutsideScope(
          "You may file for the departments " + new TreeSet<>(actor.departments()) + " only");
    }
    return new FilingRequest(
        request.recordClass(),
        request.title(),
        department,
        request.documentDate(),
        request.fiscalYearEnd(),
        request.keys(),
        request.tags());
  }

  static String normalised(String department) {
    return department == null || department.isBlank()
        ? null
        : department.strip().toUpperCase(Locale.ROOT);
  }
}
