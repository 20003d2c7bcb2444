package se.arkiv.retention;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.storage.JsonDocuments;

/**
 * Disposition runs in the object store. A run's lists are large (tens of megabytes for a hundred
 * thousand records) and never change, so they are written once: {@code candidates.json} when the
 * run is made, {@code outcomes.json} when it is executed; each step writes only a small state
 * document, {@code state/00000N.json}. Runs stored before this layout ({@code 00000N.json} directly
 * in the run's folder, the whole run in every version) are read as they are, and go on in this
 * layout at their next step: a store on WORM keeps them, and they are the evidence of past runs.
 * Only the summaries are kept in memory.
 */
@Component
class DispositionRunStore {

  private static final String RUNS = "disposition/runs/";

  /** The lists of a run, as it was made. */
  record CandidatesDocument(
      int schemaVersion, List<Candidate> candidates, List<Excluded> excluded) {}

  /** What each candidate came to, as the run was executed. */
  record OutcomesDocument(int schemaVersion, List<Outcome> outcomes) {}

  /** One step of a run: the run without its lists. */
  record StateDocument(int schemaVersion, DispositionRunSummary run) {}

  private final JsonDocuments documents;
  private final Map<String, DispositionRunSummary> summaries = new ConcurrentHashMap<>();
  // State documents written per run; 0 for a run only in the layout before.
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();

  DispositionRunStore(JsonDocuments documents) {
    this.documents = documents;
    documents.folders(RUNS).forEach(this::load);
  }

  private void load(String id) {
    int stateVersions = documents.keys(stateFolder(id) + "/").size();
    if (stateVersions > 0) {
      documents
          .latest(stateFolder(id), StateDocument.class)
          .ifPresent(state -> remember(state.run(), stateVersions));
    } else {
      documents
          .latest(RUNS + id, DispositionRun.class)
          .ifPresent(run -> remember(DispositionRunSummary.of(run), 0));
    }
  }

  private void remember(DispositionRunSummary summary, int stateVersions) {
    summaries.put(summary.id(), summary);
    versions.put(summary.id(), stateVersions);
  }

  /** Stores a run as made or after a step; the lists only the first time each is known. */
  synchronized DispositionRun save(DispositionRun run) {
    String folder = folder(run.id());
    documents.createOrKeep(
        folder + "candidates.json",
        new CandidatesDocument(DispositionRun.SCHEMA_VERSION, run.candidates(), run.excluded()));
    if (!run.outcomes().isEmpty()) {
      documents.createOrKeep(
          folder + "outcomes.json",
          new OutcomesDocument(DispositionRun.SCHEMA_VERSION, run.outcomes()));
    }
    DispositionRunSummary summary = DispositionRunSummary.of(run);
    // Counted in the store, not in memory: another node on the same store may have written a step.
    int version = documents.keys(stateFolder(run.id()) + "/").size() + 1;
    versions.put(run.id(), version);
    documents.append(
        stateFolder(run.id()), version, new StateDocument(DispositionRun.SCHEMA_VERSION, summary));
    summaries.put(run.id(), summary);
    return run;
  }

  /** One run whole, with its candidates, exclusions and outcomes, as the store holds it. */
  DispositionRun find(String id) {
    DispositionRunSummary summary = summary(id);
    if (versions.getOrDefault(id, 0) == 0) {
      return documents.latest(RUNS + id, DispositionRun.class).orElseThrow(() -> notFound(id));
    }
    CandidatesDocument lists =
        documents
            .read(folder(id) + "candidates.json", CandidatesDocument.class)
            .orElseThrow(() -> notFound(id));
    List<Outcome> outcomes =
        documents
            .read(folder(id) + "outcomes.json", OutcomesDocument.class)
            .map(OutcomesDocument::outcomes)
            .orElse(List.of());
    return new DispositionRun(
        DispositionRun.SCHEMA_VERSION,
        summary.id(),
        summary.state(),
        summary.dryRun(),
        summary.asOf(),
        summary.recordClass(),
        summary.startedAt(),
        summary.startedBy(),
        summary.needsApproval(),
        summary.approvedAt(),
        summary.approvedBy(),
        summary.executedAt(),
        summary.executedBy(),
        summary.voidReason(),
        summary.dependsOnEvents(),
        lists.candidates(),
        lists.excluded(),
        outcomes,
        summary.certificateRecordId(),
        summary.filePlanVersion());
  }

  /**
   * Reads every run's latest state from the store again: another node on the same store may have
   * made a run or taken one a step further.
   */
  void reload() {
    documents.folders(RUNS).forEach(this::load);
  }

  /** The run without its lists; {@link RetentionProblem} (404) when there is none. */
  DispositionRunSummary summary(String id) {
    DispositionRunSummary summary = summaries.get(id);
    if (summary == null
        && id.matches("[A-Za-z0-9-]{1,64}")
        && documents.keys(stateFolder(id) + "/").size() > 0) {
      load(id); // made on another node since the last reload
      summary = summaries.get(id);
    }
    if (summary == null) {
      throw notFound(id);
    }
    return summary;
  }

  List<DispositionRunSummary> all() {
    return summaries.values().stream()
        .sorted(Comparator.comparing(DispositionRunSummary::id))
        .toList();
  }

  /** The folder of everything a run keeps: its lists, state, intents and certificate. */
  static String folder(String runId) {
    return RUNS + runId + "/";
  }

  private static String stateFolder(String runId) {
    return RUNS + runId + "/state";
  }

  private static RetentionProblem notFound(String id) {
    return RetentionProblem.notFound("No disposition run with id " + id);
  }
}
