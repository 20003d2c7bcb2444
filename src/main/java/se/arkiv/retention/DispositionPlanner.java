package se.arkiv.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;
import se.arkiv.storage.RecordStore;

/**
 * Finds what a run may destroy: every record of the class (or of every class) whose retention has
 * ended at the moment asked for and that no hold covers; every other record with the reason it
 * stays.
 */
@Component
class DispositionPlanner {

  private final RecordStore records;
  private final RetentionService retention;
  private final LegalHolds holds;
  private final FilePlan filePlan;

  DispositionPlanner(
      RecordStore records, RetentionService retention, LegalHolds holds, FilePlan filePlan) {
    this.records = records;
    this.retention = retention;
    this.holds = holds;
    this.filePlan = filePlan;
  }

  /**
   * The plan as of {@code at}, over {@code recordClass} (null: every class), and with {@code
   * destroyOnly} over classes that need no review only.
   */
  DispositionPlan plan(Instant at, String recordClass, boolean destroyOnly) {
    if (recordClass != null) {
      filePlan.require(recordClass);
    }
    List<RecordMetadata> eligible = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Map<String, Retention> retentions = new HashMap<>();
    records
        .recordIds()
        .forEach(
            id ->
                records
                    .latest(id)
                    .filter(r -> recordClass == null || r.recordClass().equals(recordClass))
                    .filter(r -> !destroyOnly || action(r) == DispositionAction.DESTROY)
                    .ifPresent(
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
                        }));
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
    return new DispositionPlan(candidates, excluded, List.copyOf(dependsOn));
  }

  /** A class the file plan no longer knows is reviewed by a person, never destroyed unseen. */
  private DispositionAction action(RecordMetadata record) {
    return filePlan
        .find(record.recordClass())
        .map(RecordClass::disposition)
        .orElse(DispositionAction.REVIEW);
  }
}
