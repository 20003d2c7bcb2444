package se.arkiv.retention;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.arkiv.record.RecordId;
import se.arkiv.storage.JsonDocuments;

/**
 * A run's notes of intent, written before the first deletion of the records they name: what each
 * record's tombstone will say, so that a run interrupted between the deletions and the tombstones
 * finishes the evidence when it resumes. One note per slice of records destroyed side by side
 * ({@code intents/slice-<first candidate>.json}), rather than one per record: a record's own note
 * ({@code intents/<record>.json}) is from a run of an earlier version, or from a resumed slice that
 * now destroys a record its first note did not name. One instance serves one slice.
 */
final class DestructionIntents {

  /** A slice's note: the tombstones-to-be of the records it is about to destroy. */
  record SliceIntent(int schemaVersion, String runId, List<Tombstone> records) {}

  private static final String SLICE = "slice-";

  private final JsonDocuments documents;
  private final DispositionRun run;
  private Map<String, Tombstone> earlier;

  DestructionIntents(JsonDocuments documents, DispositionRun run) {
    this.documents = documents;
    this.run = run;
  }

  /**
   * Notes these records before any of them is deleted. The note of this slice written before an
   * interruption is kept as it was; a record it does not name (not eligible then, eligible now)
   * gets a note of its own.
   */
  void noteBeforeDestroying(String sliceFirstId, List<Tombstone> doomed) {
    if (doomed.isEmpty()) {
      return;
    }
    String key = folder() + SLICE + sliceFirstId + ".json";
    Optional<SliceIntent> before = documents.read(key, SliceIntent.class);
    if (before.isEmpty()) {
      documents.createOrKeep(key, new SliceIntent(1, run.id(), doomed));
      return;
    }
    Set<String> named =
        before.get().records().stream().map(Tombstone::id).collect(Collectors.toSet());
    for (Tombstone tombstone : doomed) {
      if (!named.contains(tombstone.id())) {
        documents.createOrKeep(folder() + tombstone.id() + ".json", tombstone);
      }
    }
  }

  /** The tombstone-to-be a note of this run names for the record, if the run noted it. */
  Optional<Tombstone> noted(RecordId id) {
    Optional<Tombstone> own = documents.read(folder() + id + ".json", Tombstone.class);
    return own.isPresent() ? own : Optional.ofNullable(earlierSlices().get(id.value()));
  }

  /** Read once per slice and only when asked: only a resumed run asks. */
  private synchronized Map<String, Tombstone> earlierSlices() {
    if (earlier == null) {
      earlier = new HashMap<>();
      for (String key : documents.keys(folder())) {
        if (key.substring(folder().length()).startsWith(SLICE)) {
          documents
              .read(key, SliceIntent.class)
              .ifPresent(note -> note.records().forEach(t -> earlier.put(t.id(), t)));
        }
      }
    }
    return earlier;
  }

  private String folder() {
    return DispositionRunStore.folder(run.id()) + "intents/";
  }
}
