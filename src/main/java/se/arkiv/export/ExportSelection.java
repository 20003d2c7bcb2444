package se.arkiv.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.LegalHolds;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.search.SearchService;
import se.arkiv.security.Actor;
import se.arkiv.storage.RecordStore;

/**
 * The records an export request selects, in id order, inside the requester's department scope. By
 * query, hold or class, records outside the scope are left out, as a search leaves them out; named
 * by id, such a record is refused like one that does not exist, so a refusal never tells that it
 * does.
 */
@Component
class ExportSelection {

  private final SearchService search;
  private final LegalHolds holds;
  private final FilePlan filePlan;
  private final RecordStore records;

  ExportSelection(SearchService search, LegalHolds holds, FilePlan filePlan, RecordStore records) {
    this.search = search;
    this.holds = holds;
    this.filePlan = filePlan;
    this.records = records;
  }

  /** The request with its one selection stripped, or {@link InvalidExport}. */
  static ExportRequest checked(ExportRequest request) {
    if (request == null) {
      throw new InvalidExport(
          "Name exactly one of query, holdId, recordClass or recordIds in a JSON body");
    }
    String query = blankToNull(request.query());
    String hold = blankToNull(request.holdId());
    String recordClass = blankToNull(request.recordClass());
    List<String> ids = request.recordIds();
    int named =
        (query == null ? 0 : 1)
            + (hold == null ? 0 : 1)
            + (recordClass == null ? 0 : 1)
            + (ids == null ? 0 : 1);
    if (named != 1) {
      throw new InvalidExport(
          "Name exactly one of query, holdId, recordClass or recordIds, not " + named);
    }
    if (ids != null && ids.isEmpty()) {
      throw new InvalidExport("recordIds: name at least one record");
    }
    return new ExportRequest(query, hold, recordClass, ids);
  }

  /**
   * The ids of the selected records the actor may see, in id order. A query or a class is answered
   * by the index inside the actor's scope, without reading the store: a large selection answers at
   * once, and a record the index still holds after its destruction is left out of the bag when it
   * is written.
   */
  List<String> select(ExportRequest request, Actor actor) {
    if (request.recordIds() != null) {
      return named(request.recordIds(), actor);
    }
    if (!search.isCurrent()) {
      throw new ExportNotPossibleYet();
    }
    Set<String> scope = actor.searchScope();
    if (request.query() != null) {
      search.validate(request.query());
      return List.copyOf(new TreeSet<>(search.matchingIds(request.query(), null, scope)));
    }
    if (request.recordClass() != null) {
      String code = filePlan.require(request.recordClass()).code();
      return List.copyOf(
          new TreeSet<>(search.matchingIds("recordClass:\"" + code + "\"", null, scope)));
    }
    Set<String> covered;
    try {
      covered = holds.coveredBy(request.holdId());
    } catch (RetentionProblem e) {
      throw new InvalidExport("holdId: " + e.getMessage());
    }
    // A hold names records by id whatever became of them: one destroyed since (a hold released
    // before its run) is no record to export, and counting it made the export's total disagree
    // with its bag.
    List<String> selected = new ArrayList<>();
    for (String id : new TreeSet<>(covered)) {
      if (records.latest(RecordId.of(id)).filter(r -> actor.maySee(r.department())).isPresent()) {
        selected.add(id);
      }
    }
    return selected;
  }

  private List<String> named(List<String> ids, Actor actor) {
    Set<String> wanted = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      try {
        RecordMetadata record = records.latest(RecordId.of(id)).orElse(null);
        if (record != null && actor.maySee(record.department())) {
          wanted.add(record.id().value());
        } else {
          unknown.add(id);
        }
      } catch (IllegalArgumentException e) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidExport("recordIds: no such records: " + unknown);
    }
    return List.copyOf(wanted);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
