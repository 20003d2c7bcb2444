package se.arkiv.retention;

import java.util.List;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;

/**
 * What a run may destroy and what it leaves alone, the retention events its candidates' eligibility
 * rests on (a retraction of one makes the run void), and the file-plan version every record was
 * judged under.
 */
record DispositionPlan(
    List<Candidate> candidates,
    List<Excluded> excluded,
    List<String> dependsOnEvents,
    int filePlanVersion) {

  DispositionPlan {
    candidates = List.copyOf(candidates);
    excluded = List.copyOf(excluded);
    dependsOnEvents = List.copyOf(dependsOnEvents);
  }
}
