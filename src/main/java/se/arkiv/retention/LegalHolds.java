package se.arkiv.retention;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import se.arkiv.record.InvalidRecordId;
import se.arkiv.record.RecordId;
import se.arkiv.record.TypedValues;
import se.arkiv.search.SearchService;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.RecordStore;

/**
 * Legal holds, kept in the object store ({@code holds/}). A hold covers the records it lists and
 * every record its query matches, including records filed after it was placed, until it is
 * released; several holds on one record are released independently.
 */
@Component
public class LegalHolds {

  private static final String FOLDER = "holds/";

  /** A hold's name and case reference: the forms take 200 characters. */
  private static final int MAX_NAME = 200;

  private static final int MAX_REASON = 1000;

  private final JsonDocuments documents;
  private final SearchService search;
  private final RecordStore records;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final Map<String, LegalHold> holds = new ConcurrentHashMap<>();

  /**
   * Held while a hold changes and while a slice of a disposition run is checked and destroyed.
   * Fair, so a hold waiting for it goes before the run's next slice: an unfair lock lets a long run
   * take it again and again and keep the hold out until the run ends.
   */
  private final ReentrantLock gate = new ReentrantLock(true);

  LegalHolds(
      JsonDocuments documents,
      SearchService search,
      RecordStore records,
      Clock clock,
      ApplicationEventPublisher events) {
    this.documents = documents;
    this.search = search;
    this.records = records;
    this.clock = clock;
    this.events = events;
    reload();
  }

  /**
   * Reads every hold from the store again: another node on the same store may have placed or
   * released one. A release is final, so a released hold stays released whichever of two reads
   * comes last, and no hold is ever forgotten.
   */
  void reload() {
    documents
        .folders(FOLDER)
        .forEach(
            id ->
                documents
                    .latest(FOLDER + id, LegalHold.class)
                    .ifPresent(
                        read ->
                            holds.merge(read.id(), read, (had, now) -> had.active() ? now : had)));
  }

  /** A reason given for a hold, its release or an event's retraction: kept wherever they are. */
  static void checkReason(String reason) {
    if (!TypedValues.readable(reason, MAX_REASON)) {
      throw RetentionProblem.invalid(
          "reason: at most " + MAX_REASON + " characters, " + TypedValues.TEXT_RULE);
    }
  }

  public LegalHold place(
      String name,
      String reason,
      String caseReference,
      String query,
      List<String> recordIds,
      String user) {
    if (name == null || name.isBlank()) {
      throw RetentionProblem.invalid("name is required");
    }
    if (reason == null || reason.isBlank()) {
      throw RetentionProblem.invalid("reason is required");
    }
    // A hold's name is copied into every run's reasons, refusals and evidence bags it touches.
    if (!TypedValues.oneLine(name, MAX_NAME)) {
      throw RetentionProblem.invalid(
          "name: at most " + MAX_NAME + " characters on one line, " + TypedValues.TEXT_RULE);
    }
    if (!TypedValues.oneLine(caseReference, MAX_NAME)) {
      throw RetentionProblem.invalid(
          "caseReference: at most "
              + MAX_NAME
              + " characters on one line, "
              + TypedValues.TEXT_RULE);
    }
    checkReason(reason);
    boolean hasQuery = query != null && !query.isBlank();
    List<String> ids = recordIds == null ? List.of() : recordIds;
    if (!hasQuery && ids.isEmpty()) {
      throw RetentionProblem.invalid("a hold needs a query, recordIds, or both");
    }
    if (hasQuery) {
      search.validate(query);
    }
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      try {
        if (records.latest(RecordId.of(id)).isEmpty()) {
          missing.add(id);
        }
      } catch (InvalidRecordId e) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw RetentionProblem.invalid("recordIds: no such records: " + missing);
    }
    LegalHold hold =
        new LegalHold(
            1,
            RecordId.newId(clock).value(),
            name.strip(),
            reason.strip(),
            caseReference,
            hasQuery ? query.strip() : null,
            ids,
            clock.instant(),
            user,
            null,
            null,
            null);
    gate.lock();
    try {
      documents.append(FOLDER + hold.id(), 1, hold);
      holds.put(hold.id(), hold);
    } finally {
      gate.unlock();
    }
    events.publishEvent(new HoldsChanged(coveredBy(hold.id())));
    return hold;
  }

  public LegalHold release(String id, String reason, String user) {
    if (reason == null || reason.isBlank()) {
      throw RetentionProblem.invalid("reason is required to release a hold");
    }
    checkReason(reason);
    LegalHold hold = find(id);
    if (!hold.active()) {
      throw RetentionProblem.refused("Hold " + id + " was already released");
    }
    Set<String> covered = coveredBy(id);
    LegalHold released = hold.released(clock.instant(), user, reason.strip());
    gate.lock();
    try {
      documents.append(FOLDER + id, 2, released);
      holds.put(id, released);
    } finally {
      gate.unlock();
    }
    events.publishEvent(new HoldsChanged(covered));
    return released;
  }

  /**
   * The lock that a disposition batch holds from its hold check to its last deletion, so that a
   * hold placed meanwhile takes effect before or after the batch, never in between.
   */
  Lock gate() {
    return gate;
  }

  public LegalHold find(String id) {
    LegalHold hold = holds.get(id);
    if (hold == null) {
      throw RetentionProblem.notFound("No legal hold with id " + id);
    }
    return hold;
  }

  public List<LegalHold> all() {
    return holds.values().stream().sorted(Comparator.comparing(LegalHold::id)).toList();
  }

  /** The ids of records a hold covers now (explicit ids and current query matches). */
  public Set<String> coveredBy(String holdId) {
    LegalHold hold = find(holdId);
    Set<String> covered = new TreeSet<>(hold.recordIds());
    if (hold.query() != null) {
      covered.addAll(search.matchingIds(hold.query(), null));
    }
    return covered;
  }

  /**
   * For each of {@code recordIds}, the active holds that cover it. Refuses to answer while the
   * index is still catching up with the store and a hold works by query: a missed match would let a
   * held record be destroyed.
   */
  Map<String, List<String>> covering(Collection<String> recordIds) {
    return covering(recordIds, true);
  }

  /**
   * As {@link #covering(Collection)}; with {@code requireCurrentIndex} false it answers from the
   * index as it stands, which is good enough to show a record but never to destroy one.
   */
  Map<String, List<String>> covering(Collection<String> recordIds, boolean requireCurrentIndex) {
    Map<String, List<String>> covering = new HashMap<>();
    List<LegalHold> active = holds.values().stream().filter(LegalHold::active).toList();
    if (requireCurrentIndex) {
      requireCheckable();
    }
    Set<String> wanted = new HashSet<>(recordIds);
    for (LegalHold hold : active) {
      Set<String> hits = new HashSet<>();
      for (String id : hold.recordIds()) {
        if (wanted.contains(id)) {
          hits.add(id);
        }
      }
      if (hold.query() != null) {
        hits.addAll(search.matchingIds(hold.query(), wanted));
      }
      for (String id : hits) {
        covering.computeIfAbsent(id, k -> new ArrayList<>()).add(hold.id());
      }
    }
    return covering;
  }

  /**
   * Refuses (503) while the index is still catching up with the store and a hold works by query: a
   * missed match would let a held record be destroyed.
   */
  void requireCheckable() {
    boolean byQuery = holds.values().stream().anyMatch(h -> h.active() && h.query() != null);
    if (byQuery && !search.isCurrent()) {
      throw RetentionProblem.unavailable(
          "The search index is still catching up with the store; legal holds by query cannot be"
              + " checked yet. Try again in a minute.");
    }
  }

  String describe(List<String> holdIds) {
    return holdIds.stream()
        .map(id -> "'" + holds.get(id).name() + "' (" + id + ")")
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }
}
