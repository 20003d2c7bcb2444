package se.arkiv.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.Restriction;
import se.arkiv.record.RetentionRule;
import se.arkiv.retention.Retention;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.retention.RetentionService;
import se.arkiv.retention.RetentionStatus;
import se.arkiv.security.Actor;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.ObjectAlreadyExists;
import se.arkiv.storage.RecordStore;

/**
 * A data subject's requests, as a records manager answers them: a subject-access report, and an
 * erasure request that restricts each of the person's records (out of ordinary search, read only
 * with an audited reason) and says, record by record, which law keeps it and until when.
 *
 * <p>Nothing is destroyed here. Records the law no longer obliges the bank to keep are destroyed by
 * disposition, whose re-checks, certificate and audit trail are the ones every destruction has;
 * records still under a retention obligation are destroyed by it when that ends. A hold keeps a
 * restricted record as it keeps any other.
 */
@Service
public class SubjectRequests {

  private static final String FOLDER = "erasure-requests/";
  private static final int ATTEMPTS = 5;

  private final PersonRecords records;
  private final RetentionService retention;
  private final FilePlan filePlan;
  private final RecordStore store;
  private final JsonDocuments documents;
  private final Clock clock;

  SubjectRequests(
      PersonRecords records,
      RetentionService retention,
      FilePlan filePlan,
      RecordStore store,
      JsonDocuments documents,
      Clock clock) {
    this.records = records;
    this.retention = retention;
    this.filePlan = filePlan;
    this.store = store;
    this.documents = documents;
    this.clock = clock;
  }

  /** Every record that concerns the person, in every department. */
  public SubjectAccessReport subjectAccess(Actor actor, String personnummer) {
    String person = records.personalNumber(personnummer);
    List<SubjectRecord> found = new ArrayList<>();
    for (RecordMetadata record : records.of(person)) {
      Retention kept = retention.retentionOf(record);
      found.add(
          new SubjectRecord(
              record.id().value(),
              record.title(),
              record.recordClass(),
              record.department(),
              record.documentDate(),
              record.filedAt(),
              records.foundIn(record, person),
              kept.status().name(),
              kept.retainUntil(),
              legalSources(record),
              record.restriction() != null));
    }
    return new SubjectAccessReport(person, clock.instant(), actor.username(), found);
  }

  /**
   * Records the request and restricts every record of the person. The request is kept once, with
   * each record's answer, as the evidence of what was asked and done.
   */
  public ErasureRequest erase(Actor actor, String personnummer, String reason) {
    String person = records.personalNumber(personnummer);
    if (reason == null || reason.isBlank()) {
      throw new RetentionProblem(
          RetentionProblem.Kind.INVALID,
          "reason: say where the request came from (for example the letter's reference)");
    }
    String id = RecordId.newId(clock).value();
    Instant now = clock.instant();
    List<ErasureOutcome> outcomes = new ArrayList<>();
    for (RecordMetadata record : records.of(person)) {
      outcomes.add(restrict(record, id, now, actor.username()));
    }
    ErasureRequest request =
        new ErasureRequest(id, person, reason.strip(), now, actor.username(), outcomes);
    documents.createOnce(FOLDER + id + ".json", request);
    return request;
  }

  public Optional<ErasureRequest> erasureRequest(String id) {
    if (!id.matches("[0-9a-f-]{36}")) {
      return Optional.empty();
    }
    return documents.read(FOLDER + id + ".json", ErasureRequest.class);
  }

  /** Every erasure request, oldest first (their ids are time-ordered). */
  public List<ErasureRequest> erasureRequests() {
    return documents.keys(FOLDER).stream()
        .sorted()
        .map(key -> documents.require(key, ErasureRequest.class))
        .toList();
  }

  private ErasureOutcome restrict(RecordMetadata record, String requestId, Instant at, String by) {
    Retention kept = retention.retentionOf(record);
    String ground =
        kept.status() == RetentionStatus.HELD
            ? "legal hold " + String.join(", ", kept.holds())
            : legalSources(record);
    if (record.restriction() != null) {
      return outcome(record, "ALREADY_RESTRICTED", kept, record.restriction().legalGround());
    }
    Restriction restriction = new Restriction(requestId, at, by, ground);
    for (int attempt = 1; ; attempt++) {
      try {
        store.appendVersion(
            record.restricted(restriction, at, by, "restricted by erasure request " + requestId));
        break;
      } catch (ObjectAlreadyExists e) {
        // Another writer added a version meanwhile: restrict the newest one.
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        record = store.latest(record.id()).orElseThrow();
      }
    }
    String answer = kept.status() == RetentionStatus.ELIGIBLE ? "DISPOSITION" : "RESTRICTED";
    return outcome(record, answer, kept, ground);
  }

  private static ErasureOutcome outcome(
      RecordMetadata record, String answer, Retention kept, String ground) {
    return new ErasureOutcome(
        record.id().value(), record.recordClass(), answer, kept.retainUntil(), ground);
  }

  private String legalSources(RecordMetadata record) {
    return filePlan
        .find(record.recordClass())
        .map(RecordClass::rules)
        .map(rules -> String.join("; ", rules.stream().map(RetentionRule::legalSource).toList()))
        .orElse("");
  }
}
