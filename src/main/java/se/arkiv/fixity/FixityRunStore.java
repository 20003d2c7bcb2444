package se.arkiv.fixity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;
import se.arkiv.storage.JsonDocuments;

/**
 * Fixity runs as the object store keeps them: {@code fixity/runs/<id>/NNNNNN.json}, one version per
 * checkpoint, and {@code fixity/runs/<id>/findings/<record id>.json}, written once per record. The
 * runs are held in memory as well, where progress between checkpoints is shown.
 */
@Component
class FixityRunStore {

  private static final String RUNS = "fixity/runs/";

  /** The findings of one record in one run, as stored. */
  record RecordFindings(List<Finding> findings) {}

  private final JsonDocuments documents;
  private final Map<String, FixityRun> runs = new ConcurrentHashMap<>();
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();

  FixityRunStore(JsonDocuments documents) {
    this.documents = documents;
    documents
        .folders(RUNS)
        .forEach(
            id ->
                documents
                    .latest(RUNS + id, FixityRun.class)
                    .ifPresent(
                        run -> {
                          runs.put(id, run);
                          versions.put(
                              id,
                              (int)
                                  documents.keys(RUNS + id + "/").stream()
                                      .filter(k -> k.matches(".*/\\d{6}\\.json"))
                                      .count());
                        }));
  }

  /** A checkpoint: the run's next version in the store. */
  synchronized void save(FixityRun run) {
    int version = versions.merge(run.id(), 1, Integer::sum);
    documents.append(RUNS + run.id(), version, run);
    runs.put(run.id(), run);
  }

  /** Progress shown between checkpoints; a restart goes back to the last saved one. */
  void show(FixityRun run) {
    runs.put(run.id(), run);
  }

  Optional<FixityRun> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  /** Every run, oldest first, without its findings. */
  List<FixityRun> all() {
    return runs.values().stream().sorted(Comparator.comparing(FixityRun::id)).toList();
  }

  /** Kept once: a resumed run that checks the record again finds the same and keeps the first. */
  void storeFindings(String runId, RecordId id, List<Finding> findings) {
    documents.createOrKeep(
        RUNS + runId + "/findings/" + id + ".json", new RecordFindings(List.copyOf(findings)));
  }

  List<Finding> findings(String runId) {
    List<Finding> all = new ArrayList<>();
    for (String key : documents.keys(RUNS + runId + "/findings/")) {
      documents.read(key, RecordFindings.class).ifPresent(f -> all.addAll(f.findings()));
    }
    return all;
  }
}
