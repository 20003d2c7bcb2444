package se.arkiv.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;
import se.arkiv.search.RetentionCandidates;
import se.arkiv.storage.RecordStore;

/**
 * Finds what a run may destroy: every record of the class (or of every class) whose retention has
 * ended at the moment asked for and that no hold covers; and, with the reason it stays, every
 * record that was looked at and left out.
 *
 * <p>The index proposes the records whose retention can have ended by then ({@link
 * CandidateWindow}); each is then read from the store and judged on its current metadata, as
 * without the index, so the store decides and the index only saves reading the records that cannot
 * be due. Until the index has been compared with the whole store since start-up, it may miss a
 * record, and the plan is made by reading every record in the store instead.
 */
@Component
class DispositionPlanner {

  private static final Logger log = LoggerFactory.getLogger(DispositionPlanner.class);

  private final RecordStore records;
  private final RetentionService retention;
  private final LegalHolds holds;
  private final FilePlan filePlan;
  private final RetentionCandidates index;

  DispositionPlanner(
      RecordStore records,
      RetentionService retention,
      LegalHolds holds,
      FilePlan filePlan,
      RetentionCandidates index) {
    this.records = records;
    this.retention = retention;
    this.holds = holds;
    this.filePlan = filePlan;
    this.index = index;
  }

  /**
   * The plan as of {@code at}, over {@code recordClass} (null: every class), and with {@code
   * destroyOnly} over classes that need no review only.
   */
  DispositionPlan plan(Instant at, String recordClass, boolean destroyOnly) {
    // Every record judged under one version: a change during planning makes it plan again.
    while (true) {
      int version = filePlan.version();
      DispositionPlan plan = plan(at, recordClass, destroyOnly, version);
      if (filePlan.version() == version) {
        return plan;
      }
    }
  }

  private DispositionPlan plan(
      Instant at, String recordClass, boolean destroyOnly, int filePlanVersion) {
    if (recordClass != null) {
      filePlan.require(recordClass);
    }
    List<RecordMetadata> eligible = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Map<String, Retention> retentions = new HashMap<>();
    Consumer<RecordMetadata> judge =
        record -> {
          Retention r = retention.at(record, List.of(), at);
          if (record.extraction().status() == ExtractionStatus.PENDING) {
            // Extraction would write a new version into a destroyed record.
            excluded.add(
                new Excluded(
                    record.id().value(),
                    record.recordClass(),
                    r.status(),
                    "text extraction still running; a later run takes it"));
          } else if (r.status() == RetentionStatus.ELIGIBLE) {
            eligible.add(record);
            retentions.put(record.id().value(), r);
          } else {
            excluded.add(Excluded.of(record, r));
          }
        };
    Optional<List<RecordId>> proposed = proposedByIndex(at, recordClass, destroyOnly);
    if (proposed.isPresent()) {
      for (RecordId id : proposed.get()) {
        // The store decides: gone since, or of another class now, it is not this run's.
        records.latest(id).filter(r -> inScope(r, recordClass, destroyOnly)).ifPresent(judge);
      }
    } else {
      log.info(
          "Disposition plan as of {}: the index has not caught up with the store since start-up;"
              + " reading every record in the store instead",
          at);
      records.latestRecords().filter(r -> inScope(r, recordClass, destroyOnly)).forEach(judge);
    }
    return withHolds(eligible, retentions, excluded, filePlanVersion);
  }

  /**
   * The ids the index proposes over every class in scope, or empty when the index cannot be trusted
   * to hold every record yet.
   */
  private Optional<List<RecordId>> proposedByIndex(
      Instant at, String recordClass, boolean destroyOnly) {
    List<RecordId> ids = new ArrayList<>();
    for (RecordClass rc : filePlan.classes()) {
      if ((recordClass != null && !rc.code().equals(recordClass))
          || (destroyOnly && rc.disposition() != DispositionAction.DESTROY)) {
        continue;
      }
      CandidateWindow window = CandidateWindow.of(rc, at);
      Optional<List<RecordId>> found = index.ofClass(rc.code(), window.latestStart());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      ids.addAll(found.get());
    }
    return Optional.of(ids);
  }

  private boolean inScope(RecordMetadata record, String recordClass, boolean destroyOnly) {
    return (recordClass == null || record.recordClass().equals(recordClass))
        && (!destroyOnly || action(record) == DispositionAction.DESTROY);
  }

  private DispositionPlan withHolds(
      List<RecordMetadata> eligible,
      Map<String, Retention> retentions,
      List<Excluded> excluded,
      int filePlanVersion) {
    // Holds once for all eligible records: one search per hold by query, not one per record.
    Map<String, List<String>> covering =
        holds.covering(eligible.stream().map(r -> r.id().value()).toList());
    List<Candidate> candidates = new ArrayList<>();
    Set<String> dependsOn = new LinkedHashSet<>();
    for (RecordMetadata record : eligible) {
      String id = record.id().value();
      List<String> held = covering.get(id);
      if (held != null) {
        excluded.add(
            new Excluded(
                id,
                record.recordClass(),
                RetentionStatus.HELD,
                "under legal hold " + holds.describe(held)));
        continue;
      }
      Retention r = retentions.get(id);
      dependsOn.addAll(r.events());
      candidates.add(
          new Candidate(
              id,
              record.recordClass(),
              record.sha256(),
              r.retainUntil(),
              r.rule(),
              action(record)));
    }
    return new DispositionPlan(candidates, excluded, List.copyOf(dependsOn), filePlanVersion);
  }

  /** A class the file plan no longer knows is reviewed by a person, never destroyed unseen. */
  private DispositionAction action(RecordMetadata record) {
    return filePlan
        .find(record.recordClass())
        .map(RecordClass::disposition)
        .orElse(DispositionAction.REVIEW);
  }
}
