package se.arkiv.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordId;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.TypedValues;
import se.arkiv.storage.JsonDocuments;

/**
 * The retention events recorded so far, kept in the object store ({@code events/}) and in memory
 * for fast clock computation. An event applies to every record whose keys match, filed before or
 * after it.
 */
@Component
public class RetentionEvents {

  private static final String FOLDER = "events/";

  /** An event's reference (a case or decision number): the form takes 200 characters. */
  private static final int MAX_REFERENCE = 200;

  private final JsonDocuments documents;
  private final Clock clock;
  private final FilePlan filePlan;
  private final ApplicationEventPublisher publisher;
  private final Map<String, RetentionEvent> events = new ConcurrentHashMap<>();

  RetentionEvents(
      JsonDocuments documents,
      Clock clock,
      FilePlan filePlan,
      ApplicationEventPublisher publisher) {
    this.documents = documents;
    this.clock = clock;
    this.publisher = publisher;
    this.filePlan = filePlan;
    reload();
  }

  /**
   * Reads every event from the store again: another node on the same store may have recorded or
   * retracted one. A retraction is final, so a retracted event stays retracted whichever of two
   * reads comes last.
   */
  void reload() {
    documents.folders(FOLDER).forEach(this::reload);
  }

  /** Reads the events this node has not seen yet: one listing, and a read of each new one. */
  void reloadNew() {
    documents.folders(FOLDER).filter(id -> !events.containsKey(id)).forEach(this::reload);
  }

  /** Reads these events again, say those a disposition run rests on, right before it destroys. */
  void reload(Collection<String> ids) {
    ids.forEach(this::reload);
  }

  private void reload(String id) {
    documents
        .latest(FOLDER + id, RetentionEvent.class)
        .ifPresent(read -> events.merge(read.id(), read, (had, now) -> had.active() ? now : had));
  }

  /**
   * Records an event. {@code extendedUntil} is for {@link RetentionEvent#EXTENSION} only: the last
   * day an authority asked the matching records to be kept.
   */
  public RetentionEvent record(
      String type,
      BusinessKeys keys,
      LocalDate effectiveDate,
      String reference,
      LocalDate extendedUntil,
      String user) {
    Set<String> knownTypes = knownTypes();
    if (type == null || !knownTypes.contains(type)) {
      throw RetentionProblem.invalid(
          "type: '" + type + "' starts no clock in the file plan; known types: " + knownTypes);
    }
    if (keys == null || keys.present().isEmpty()) {
      throw RetentionProblem.invalid(
          "keys: name at least one business key (customerId, accountId, employeeId, ...)");
    }
    keys.problem()
        .ifPresent(
            problem -> {
              throw RetentionProblem.invalid(problem);
            });
    if (effectiveDate == null) {
      throw RetentionProblem.invalid("effectiveDate is required (YYYY-MM-DD)");
    }
    // A clock started in year 1 makes every matching record eligible at once; one started past
    // year 999,999,999 cannot be computed, and every run over the class would fail on it.
    if (!TypedValues.plausible(effectiveDate)) {
      throw RetentionProblem.invalid("effectiveDate: " + TypedValues.DATE_RULE);
    }
    if (!TypedValues.plausible(extendedUntil)) {
      throw RetentionProblem.invalid("extendedUntil: " + TypedValues.DATE_RULE);
    }
    if (!TypedValues.oneLine(reference, MAX_REFERENCE)) {
      throw RetentionProblem.invalid(
          "reference: at most "
              + MAX_REFERENCE
              + " characters on one line, "
              + TypedValues.TEXT_RULE);
    }
    LocalDate today = clock.instant().atZone(RetentionClock.LEGAL_ZONE).toLocalDate();
    if (effectiveDate.isAfter(today)) {
      throw RetentionProblem.invalid(
          "effectiveDate " + effectiveDate + " is in the future; record an event once it happened");
    }
    checkExtension(type, effectiveDate, extendedUntil, reference);
    RetentionEvent event =
        new RetentionEvent(
            1,
            RecordId.newId(clock).value(),
            type,
            keys,
            effectiveDate,
            reference,
            clock.instant(),
            user,
            null,
            null,
            null,
            extendedUntil);
    documents.append(FOLDER + event.id(), 1, event);
    events.put(event.id(), event);
    if (RetentionEvent.EXTENSION.equals(type)) {
      publisher.publishEvent(new RetentionExtended(event.id()));
    }
    return event;
  }

  /** The types that start or lengthen a clock under the plan in force now. */
  Set<String> knownTypes() {
    Set<String> types =
        filePlan.classes().stream()
            .flatMap(c -> c.rules().stream())
            .filter(RetentionRule::needsEvent)
            .map(RetentionRule::event)
            .collect(Collectors.toCollection(TreeSet::new));
    if (filePlan.classes().stream()
        .flatMap(c -> c.rules().stream())
        .anyMatch(r -> r.maximum() != null)) {
      types.add(RetentionEvent.EXTENSION);
    }
    return types;
  }

  /**
   * An authority's extension names how long and on whose order; the law's maximum caps it record by
   * record (RetentionClock), since the maximum counts from each record's own start.
   */
  private static void checkExtension(
      String type, LocalDate effectiveDate, LocalDate extendedUntil, String reference) {
    boolean extension = RetentionEvent.EXTENSION.equals(type);
    if (extension && extendedUntil == null) {
      throw RetentionProblem.invalid(
          "extendedUntil is required for "
              + RetentionEvent.EXTENSION
              + ": the last day the authority asked the records to be kept (YYYY-MM-DD)");
    }
    if (extension && !extendedUntil.isAfter(effectiveDate)) {
      throw RetentionProblem.invalid(
          "extendedUntil " + extendedUntil + " must be after the effectiveDate " + effectiveDate);
    }
    if (extension && (reference == null || reference.isBlank())) {
      throw RetentionProblem.invalid(
          "reference is required for "
              + RetentionEvent.EXTENSION
              + ": the authority's decision or case number");
    }
    if (!extension && extendedUntil != null) {
      throw RetentionProblem.invalid(
          "extendedUntil is only for " + RetentionEvent.EXTENSION + ", not for " + type);
    }
  }

  public RetentionEvent retract(String id, String reason, String user) {
    if (reason == null || reason.isBlank()) {
      throw RetentionProblem.invalid("reason is required to retract an event");
    }
    LegalHolds.checkReason(reason);
    RetentionEvent event = find(id);
    if (!event.active()) {
      throw RetentionProblem.refused("Event " + id + " was already retracted");
    }
    RetentionEvent retracted = event.retracted(clock.instant(), user, reason);
    documents.append(FOLDER + id, 2, retracted);
    events.put(id, retracted);
    publisher.publishEvent(new RetentionEventRetracted(id, reason, user));
    return retracted;
  }

  public RetentionEvent find(String id) {
    RetentionEvent event = events.get(id);
    if (event == null) {
      throw RetentionProblem.notFound("No retention event with id " + id);
    }
    return event;
  }

  public List<RetentionEvent> all() {
    return events.values().stream().sorted(Comparator.comparing(RetentionEvent::id)).toList();
  }

  List<RetentionEvent> active() {
    return events.values().stream().filter(RetentionEvent::active).toList();
  }
}
