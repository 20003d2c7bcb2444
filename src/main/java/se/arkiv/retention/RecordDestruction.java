package se.arkiv.retention;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.search.SearchService;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.RecordStore;

/**
 * The destruction of a run's records, slice by slice: each record re-checked right before (still in
 * the store, not being extracted, still eligible now, under no hold), a note of intent written
 * before the first deletion, every copy destroyed, then its index entry, its tombstone and the
 * {@link RecordDestroyed} event. A record a run destroyed before an interruption is recognised by
 * its tombstone or that note, so nothing is done twice and nothing destroyed goes unrecorded.
 */
@Component
class RecordDestruction {

  private static final Logger log = LoggerFactory.getLogger(RecordDestruction.class);
  private static final String TOMBSTONES = "disposition/tombstones/";

  private final RecordStore records;
  private final JsonDocuments documents;
  private final RetentionService retention;
  private final LegalHolds holds;
  private final SearchService search;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  RecordDestruction(
      RecordStore records,
      JsonDocuments documents,
      RetentionService retention,
      LegalHolds holds,
      SearchService search,
      Clock clock,
      ApplicationEventPublisher events) {
    this.records = records;
    this.documents = documents;
    this.retention = retention;
    this.holds = holds;
    this.search = search;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Destroys a slice of the run's candidates, or as many as it can before {@code stop} says so:
   * then fewer outcomes than candidates come back. Holds are checked right before, with hold
   * changes held off until the slice is done: a hold placed during a long run still saves what it
   * covers, and placing one waits for a few records at most.
   */
  List<Outcome> destroy(DispositionRun run, List<Candidate> slice, BooleanSupplier stop) {
    List<Outcome> outcomes = new ArrayList<>();
    holds.gate().lock();
    try {
      Map<String, List<String>> covering =
          holds.covering(slice.stream().map(Candidate::id).toList());
      for (Candidate candidate : slice) {
        if (stop.getAsBoolean()) {
          break;
        }
        outcomes.add(destroy(run, candidate, covering.get(candidate.id())));
      }
    } finally {
      holds.gate().unlock();
    }
    return outcomes;
  }

  Optional<Tombstone> tombstone(RecordId id) {
    return documents.read(TOMBSTONES + id + ".json", Tombstone.class);
  }

  /** The re-check and the destruction of one record; never claims what the store refused. */
  private Outcome destroy(DispositionRun run, Candidate candidate, List<String> heldBy) {
    RecordId id = RecordId.of(candidate.id());
    RecordMetadata current = records.latest(id).orElse(null);
    if (current == null) {
      Optional<Tombstone> tombstone = tombstone(id);
      if (tombstone.isPresent()) {
        // Destroyed before an interruption: its tombstone says by which run.
        boolean byThisRun = tombstone.get().runId().equals(run.id());
        return new Outcome(candidate.id(), byThisRun, byThisRun ? null : "no longer in the store");
      }
      Optional<Tombstone> intent = documents.read(intentKey(run, id), Tombstone.class);
      if (intent.isPresent()) {
        // Destroyed by this run, interrupted before its tombstone: finish the evidence.
        return finish(run, id, intent.get());
      }
      return new Outcome(candidate.id(), false, "no longer in the store");
    }
    Retention now = retention.at(current, List.of(), clock.instant());
    String refusal = refusal(current, heldBy, now);
    if (refusal != null) {
      // Only a refused record needs to know whether this run had begun deleting it.
      boolean begun =
          !records.hasOriginal(id)
              && documents.read(intentKey(run, id), Tombstone.class).isPresent();
      return new Outcome(
          candidate.id(),
          false,
          begun
              ? "its content was deleted before an interruption; the rest is kept: " + refusal
              : refusal);
    }
    Tombstone tombstone =
        new Tombstone(
            1,
            id.value(),
            current.recordClass(),
            current.department(),
            current.sha256(),
            current.size(),
            current.documentDate(),
            current.filedAt(),
            now.retainUntil(),
            now.rule(),
            run.id(),
            clock.instant(),
            run.startedBy(),
            run.approvedBy());
    // The intent first: a crash during the deletions leaves the evidence to finish on resume.
    documents.createOrKeep(intentKey(run, id), tombstone);
    try {
      records.destroy(current);
    } catch (RuntimeException e) {
      log.warn("Store refused to destroy {}: {}", id, e.getMessage());
      return new Outcome(
          candidate.id(), false, "the store refused the deletion: " + e.getMessage());
    }
    return finish(run, id, tombstone);
  }

  /** Why a record may not be destroyed now, or null when it may. */
  private String refusal(RecordMetadata current, List<String> heldBy, Retention now) {
    if (heldBy != null) {
      return "now under legal hold " + holds.describe(heldBy);
    }
    if (current.extraction().status() == ExtractionStatus.PENDING) {
      return "text extraction is running again; not now";
    }
    if (now.status() != RetentionStatus.ELIGIBLE) {
      return "no longer eligible: " + DispositionRun.Excluded.of(current, now).reason();
    }
    return null;
  }

  private Outcome finish(DispositionRun run, RecordId id, Tombstone tombstone) {
    try {
      search.forget(id);
    } catch (RuntimeException e) {
      // The catch-up drops index entries of records that are gone from the store.
      log.warn("Index entry of destroyed record {} stays until the next catch-up", id, e);
    }
    documents.createOrKeep(TOMBSTONES + id + ".json", tombstone);
    events.publishEvent(
        new RecordDestroyed(
            id,
            tombstone.recordClass(),
            tombstone.sha256(),
            run.id(),
            run.executedBy(),
            clock.instant()));
    return new Outcome(id.value(), true, null);
  }

  private static String intentKey(DispositionRun run, RecordId id) {
    return DispositionRunStore.folder(run.id()) + "intents/" + id + ".json";
  }
}
