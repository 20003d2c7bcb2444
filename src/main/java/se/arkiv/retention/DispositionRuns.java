package se.arkiv.retention;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.DispositionRunFinished;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordDestroyed;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.retention.DispositionRun.State;
import se.arkiv.search.SearchService;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.RecordStore;

/**
 * Disposition runs: find what may go, wait for a second records manager where the class needs
 * review, then re-check every record immediately before destroying it, destroy every copy, keep a
 * tombstone, and file a certificate of destruction.
 *
 * <p>Why it is over 300 lines: not split yet. Issue 12 splits it into a run store, planner,
 * executor, destruction protocol and certificate; this change did not touch it.
 */
@Component
public class DispositionRuns implements org.springframework.beans.factory.DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DispositionRuns.class);
  private static final String RUNS = "disposition/runs/";
  private static final String TOMBSTONES = "disposition/tombstones/";
  static final String CERTIFICATE_CLASS = "DISPOSITION-CERTIFICATE";
  static final String SYSTEM_ACTOR = "arkiv-disposition";
  private static final int BATCH = 500;
  private static final int GATED = 50;

  private final RecordStore records;
  private final JsonDocuments documents;
  private final RetentionService retention;
  private final LegalHolds holds;
  private final FilePlan filePlan;
  private final SearchService search;
  private final FilingService filing;
  private final Clock clock;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Map<String, DispositionRunSummary> runs = new ConcurrentHashMap<>();
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  // One run at a time: runs over the same records would only race each other.
  private final java.util.concurrent.ExecutorService executor =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          runnable -> new Thread(runnable, "disposition"));
  private volatile boolean stopping;
  private final java.util.concurrent.ScheduledExecutorService pauses =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "disposition-pause");
            thread.setDaemon(true);
            return thread;
          });

  DispositionRuns(
      RecordStore records,
      JsonDocuments documents,
      RetentionService retention,
      LegalHolds holds,
      FilePlan filePlan,
      SearchService search,
      FilingService filing,
      Clock clock,
      org.springframework.context.ApplicationEventPublisher events) {
    this.records = records;
    this.documents = documents;
    this.retention = retention;
    this.holds = holds;
    this.filePlan = filePlan;
    this.search = search;
    this.filing = filing;
    this.clock = clock;
    this.events = events;
    documents
        .folders(RUNS)
        .forEach(
            id -> {
              List<String> keys =
                  documents.keys(RUNS + id + "/").stream()
                      .filter(k -> k.matches(".*/\\d{6}\\.json"))
                      .toList();
              documents
                  .latest(RUNS + id, DispositionRun.class)
                  .ifPresent(
                      run -> {
                        runs.put(id, DispositionRunSummary.of(run));
                        versions.put(id, keys.size());
                      });
            });
  }

  /**
   * Makes a run: every record of the class (or of every class) as of {@code asOf}. A future {@code
   * asOf} is for dry runs only ("what could go on that date").
   */
  public synchronized DispositionRun start(
      boolean dryRun, Instant asOf, String recordClass, boolean destroyOnly, String user) {
    Instant now = clock.instant();
    if (asOf != null && !dryRun) {
      throw RetentionProblem.invalid(
          "asOf is for dry runs only; a run that destroys uses the present moment");
    }
    Instant at = asOf == null ? now : asOf;
    if (recordClass != null) {
      filePlan.require(recordClass);
    }
    List<RecordMetadata> eligible = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Set<String> dependsOn = new LinkedHashSet<>();
    Map<String, Retention> retentions = new java.util.HashMap<>();
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
                            excluded.add(excludedFor(record, r));
                          }
                        }));
    Map<String, List<String>> covering =
        holds.covering(eligible.stream().map(r -> r.id().value()).toList());
    List<Candidate> candidates = new ArrayList<>();
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
    boolean needsApproval =
        candidates.stream().anyMatch(c -> c.action() == DispositionAction.REVIEW);
    State state = dryRun ? State.DRY_RUN : needsApproval ? State.AWAITING_APPROVAL : State.READY;
    DispositionRun run =
        new DispositionRun(
            1,
            RecordId.newId(clock).value(),
            state,
            dryRun,
            at,
            recordClass,
            now,
            user,
            needsApproval,
            null,
            null,
            null,
            null,
            null,
            List.copyOf(dependsOn),
            candidates,
            excluded,
            List.of(),
            null);
    save(run);
    return run;
  }

  public synchronized DispositionRun approve(String id, String user) {
    DispositionRun run = find(id);
    if (run.state() != State.AWAITING_APPROVAL) {
      throw RetentionProblem.refused(
          "Run " + id + " is " + run.state() + "; only a run awaiting approval can be approved");
    }
    if (run.startedBy().equals(user)) {
      throw RetentionProblem.refused(
          "Run "
              + id
              + " was started by "
              + user
              + "; another records manager must approve it (four eyes)");
    }
    return save(run.approved(clock.instant(), user));
  }

  /**
   * Starts carrying out a ready run in the background and answers at once with the run in state
   * {@code EXECUTING}: a run over a hundred thousand records takes minutes, longer than any HTTP
   * client or proxy waits, and must not hold off the other runs meanwhile. A run left executing by
   * a failure is resumed by executing it again (or by the next start of the service).
   */
  public synchronized DispositionRun execute(String id, String user) {
    DispositionRun run = find(id);
    if (run.state() == State.EXECUTING && !active.contains(id)) {
      log.info("Resuming disposition run {} for {}", id, user);
      submit(run);
      return run;
    }
    if (run.state() != State.READY) {
      String why =
          switch (run.state()) {
            case DRY_RUN -> "a dry run destroys nothing";
            case AWAITING_APPROVAL -> "it awaits approval by a second records manager";
            case VOID -> "it is void: " + run.voidReason();
            case EXECUTING -> "it is being executed since " + run.executedAt();
            case EXECUTED -> "it was executed at " + run.executedAt();
            case READY -> "";
          };
      throw RetentionProblem.refused("Run " + id + " cannot be executed: " + why);
    }
    // Refused at once (503), as long as the run could not go on anyway.
    holds.requireCheckable();
    DispositionRun executing = save(run.executing(clock.instant(), user));
    submit(executing);
    return executing;
  }

  /** Resumes the runs a stop or a crash interrupted, once the service is up. */
  @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  synchronized void resumeInterruptedRuns() {
    for (DispositionRunSummary run : all()) {
      if (run.state() == State.EXECUTING && !active.contains(run.id())) {
        log.info("Resuming disposition run {}, interrupted while executing", run.id());
        submit(find(run.id()));
      }
    }
  }

  private void submit(DispositionRun run) {
    submit(run, 0);
  }

  /**
   * Carries the run out on the disposition thread. A run that cannot go on now (the index still
   * catching up while holds work by query, the store down) stays EXECUTING and is tried again with
   * a growing pause, up to ten minutes; records it destroyed already are recognised by their
   * tombstones, so it never does anything twice.
   */
  private void submit(DispositionRun run, int attempt) {
    active.add(run.id());
    executor.execute(
        () -> {
          boolean again = false;
          try {
            carryOut(run);
          } catch (RuntimeException e) {
            if (!stopping) {
              long delay = Math.min(600, 15L << Math.min(attempt, 6));
              log.warn(
                  "Disposition run {} cannot go on now ({}); trying again in {} s",
                  run.id(),
                  e.getMessage(),
                  delay);
              again = true;
              pauses.schedule(
                  () -> {
                    if (!stopping) {
                      submit(run, attempt + 1);
                    }
                  },
                  delay,
                  java.util.concurrent.TimeUnit.SECONDS);
            }
          } finally {
            if (!again) {
              active.remove(run.id());
            }
          }
        });
  }

  private void carryOut(DispositionRun run) {
    String user = run.executedBy();
    List<Outcome> outcomes = new ArrayList<>();
    List<Candidate> all = run.candidates();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Candidate> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      for (int at = 0; at < batch.size(); at += GATED) {
        List<Candidate> slice = batch.subList(at, Math.min(batch.size(), at + GATED));
        // Holds are checked right before each slice is destroyed, with hold changes held off
        // until the slice is done: a hold placed during a long run still saves what it covers,
        // and placing one waits for a few records at most.
        holds.gate().lock();
        try {
          Map<String, List<String>> covering =
              holds.covering(slice.stream().map(Candidate::id).toList());
          for (Candidate candidate : slice) {
            if (stopping) {
              log.info("Disposition run {} pauses for shutdown; it resumes at start", run.id());
              return;
            }
            outcomes.add(destroy(run, candidate, covering.get(candidate.id()), user));
          }
        } finally {
          holds.gate().unlock();
        }
      }
      // One index refresh per batch: searches stop finding the batch's records together.
      try {
        search.refresh();
      } catch (RuntimeException e) {
        log.warn("Index refresh after a disposition batch failed; the next one makes it", e);
      }
    }
    // A run resumed after its certificate was made keeps that certificate and its moment.
    Instant executedAt =
        certificate(run.id()).map(Certificate::executedAt).orElseGet(clock::instant);
    String certificate = fileCertificate(run, outcomes, executedAt, user);
    long destroyed = outcomes.stream().filter(Outcome::destroyed).count();
    // The audit entry before the last step: after a crash in between, the resumed run writes
    // it again rather than never.
    events.publishEvent(
        new DispositionRunFinished(
            run.id(), destroyed, outcomes.size() - destroyed, certificate, user, executedAt));
    synchronized (this) {
      save(run.executed(executedAt, user, outcomes, certificate));
    }
    log.info(
        "Disposition run {}: {} of {} destroyed, certificate {}",
        run.id(),
        destroyed,
        outcomes.size(),
        certificate);
  }

  /**
   * Lets the record being destroyed finish, then stops; an interrupt could leave a record half
   * deleted, so the executor is never interrupted.
   */
  @Override
  public void destroy() throws InterruptedException {
    stopping = true;
    pauses.shutdownNow();
    executor.shutdown();
    if (!executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
      log.warn("A record is still being destroyed at shutdown; its run resumes at the next start");
    }
  }

  /** The re-check and the destruction of one record; never claims what the store refused. */
  private Outcome destroy(
      DispositionRun run, Candidate candidate, List<String> heldBy, String user) {
    RecordId id = RecordId.of(candidate.id());
    RecordMetadata current = records.latest(id).orElse(null);
    if (current == null) {
      Optional<Tombstone> tombstone = tombstone(id);
      if (tombstone.isPresent()) {
        // Destroyed before an interruption: its tombstone says by which run.
        boolean byThisRun = tombstone.get().runId().equals(run.id());
        return new Outcome(candidate.id(), byThisRun, byThisRun ? null : "no longer in the store");
      }
      Optional<Tombstone> intent = documents.read(intentKey(run, id), Tombstone.class);
      if (intent.isPresent()) {
        // Destroyed by this run, interrupted before its tombstone: finish the evidence.
        return finishDestruction(run, id, intent.get(), user);
      }
      return new Outcome(candidate.id(), false, "no longer in the store");
    }
    Retention now = retention.at(current, List.of(), clock.instant());
    String refusal = refusal(current, heldBy, now);
    if (refusal != null) {
      // Only a refused record needs to know whether this run had begun deleting it.
      boolean begun =
          !records.hasOriginal(id)
              && documents.read(intentKey(run, id), Tombstone.class).isPresent();
      return new Outcome(
          candidate.id(),
          false,
          begun
              ? "its content was deleted before an interruption; the rest is kept: " + refusal
              : refusal);
    }
    Tombstone tombstone =
        new Tombstone(
            1,
            id.value(),
            current.recordClass(),
            current.department(),
            current.sha256(),
            current.size(),
            current.documentDate(),
            current.filedAt(),
            now.retainUntil(),
            now.rule(),
            run.id(),
            clock.instant(),
            run.startedBy(),
            run.approvedBy());
    // The intent first: a crash during the deletions leaves the evidence to finish on resume.
    documents.createOrKeep(intentKey(run, id), tombstone);
    try {
      records.destroy(current);
    } catch (RuntimeException e) {
      log.warn("Store refused to destroy {}: {}", id, e.getMessage());
      return new Outcome(
          candidate.id(), false, "the store refused the deletion: " + e.getMessage());
    }
    return finishDestruction(run, id, tombstone, user);
  }

  /** Why a record may not be destroyed now, or null when it may. */
  private String refusal(RecordMetadata current, List<String> heldBy, Retention now) {
    if (heldBy != null) {
      return "now under legal hold " + holds.describe(heldBy);
    }
    if (current.extraction().status() == ExtractionStatus.PENDING) {
      return "text extraction is running again; not now";
    }
    if (now.status() != RetentionStatus.ELIGIBLE) {
      return "no longer eligible: " + excludedFor(current, now).reason();
    }
    return null;
  }

  private Outcome finishDestruction(
      DispositionRun run, RecordId id, Tombstone tombstone, String user) {
    try {
      search.forget(id);
    } catch (RuntimeException e) {
      // The catch-up drops index entries of records that are gone from the store.
      log.warn("Index entry of destroyed record {} stays until the next catch-up", id, e);
    }
    documents.createOrKeep(TOMBSTONES + id + ".json", tombstone);
    events.publishEvent(
        new RecordDestroyed(
            id, tombstone.recordClass(), tombstone.sha256(), run.id(), user, clock.instant()));
    return new Outcome(id.value(), true, null);
  }

  private static String intentKey(DispositionRun run, RecordId id) {
    return RUNS + run.id() + "/intents/" + id + ".json";
  }

  /** The certificate record of a run, once filed; kept so a resumed run files no second one. */
  record CertificateRecord(String recordId) {}

  private String fileCertificate(
      DispositionRun run, List<Outcome> outcomes, Instant executedAt, String user) {
    String filedKey = RUNS + run.id() + "/certificate-record.json";
    Optional<CertificateRecord> filed = documents.read(filedKey, CertificateRecord.class);
    if (filed.isPresent()) {
      return filed.get().recordId();
    }
    List<String> lines = new ArrayList<>();
    lines.add("Run: " + run.id());
    lines.add("Started: " + run.startedAt() + " by " + run.startedBy());
    lines.add(
        "Approved: "
            + (run.approvedBy() == null
                ? "not required (no class needing review)"
                : run.approvedAt() + " by " + run.approvedBy()));
    lines.add("Executed: " + executedAt + " by " + user);
    lines.add("Class filter: " + (run.recordClass() == null ? "all classes" : run.recordClass()));
    long destroyed = outcomes.stream().filter(Outcome::destroyed).count();
    lines.add("Destroyed: " + destroyed + " of " + outcomes.size() + " candidates");
    lines.add("");
    lines.add("Destroyed records (id and class; SHA-256 of the original; rule):");
    Map<String, Candidate> byId = new java.util.HashMap<>();
    run.candidates().forEach(c -> byId.put(c.id(), c));
    for (Outcome outcome : outcomes) {
      if (outcome.destroyed()) {
        Candidate c = byId.get(outcome.id());
        lines.add(c.id() + "  " + c.recordClass());
        lines.add("    SHA-256 " + c.sha256());
        lines.add("    retained until " + c.retainUntil() + " by " + c.rule());
      }
    }
    lines.add("");
    lines.add("Not destroyed (id, reason):");
    for (Outcome outcome : outcomes) {
      if (!outcome.destroyed()) {
        lines.add(outcome.id() + "  " + outcome.reason());
      }
    }
    byte[] pdf = CertificatePdf.render("Arkiv certificate of destruction", lines);
    documents.createOrKeep(
        RUNS + run.id() + "/certificate.json",
        new Certificate(
            run.id(),
            run.startedBy(),
            run.startedAt(),
            run.approvedBy(),
            run.approvedAt(),
            user,
            executedAt,
            run.candidates(),
            outcomes));
    FilingRequest request =
        new FilingRequest(
            CERTIFICATE_CLASS,
            "Certificate of destruction, run " + run.id(),
            null,
            LocalDate.ofInstant(executedAt, RetentionClock.LEGAL_ZONE),
            null,
            new BusinessKeys(null, null, null, null, run.id()),
            List.of("disposition"));
    String recordId =
        filing
            .file(
                request,
                new ByteArrayInputStream(pdf),
                "certificate-" + run.id() + ".pdf",
                SYSTEM_ACTOR)
            .record()
            .id()
            .value();
    documents.createOrKeep(filedKey, new CertificateRecord(recordId));
    return recordId;
  }

  /** The certificate as JSON: the same facts as the PDF, for machines. */
  public record Certificate(
      String runId,
      String startedBy,
      Instant startedAt,
      String approvedBy,
      Instant approvedAt,
      String executedBy,
      Instant executedAt,
      List<Candidate> candidates,
      List<Outcome> outcomes) {}

  public java.util.Optional<Certificate> certificate(String runId) {
    if (!runs.containsKey(runId)) {
      throw RetentionProblem.notFound("No disposition run with id " + runId);
    }
    return documents.read(RUNS + runId + "/certificate.json", Certificate.class);
  }

  @EventListener
  synchronized void on(RetentionEventRetracted retracted) {
    for (DispositionRunSummary summary : List.copyOf(runs.values())) {
      boolean open = summary.state() == State.AWAITING_APPROVAL || summary.state() == State.READY;
      if (open && summary.dependsOnEvents().contains(retracted.eventId())) {
        save(
            find(summary.id())
                .voided(
                    "retention event "
                        + retracted.eventId()
                        + " it relied on was retracted: "
                        + retracted.reason()));
      }
    }
  }

  /** One run whole, with its candidates, exclusions and outcomes, as the store holds it. */
  public DispositionRun find(String id) {
    if (!runs.containsKey(id)) {
      throw RetentionProblem.notFound("No disposition run with id " + id);
    }
    return documents
        .latest(RUNS + id, DispositionRun.class)
        .orElseThrow(() -> RetentionProblem.notFound("No disposition run with id " + id));
  }

  public List<DispositionRunSummary> all() {
    return runs.values().stream().sorted(Comparator.comparing(DispositionRunSummary::id)).toList();
  }

  public java.util.Optional<Tombstone> tombstone(RecordId id) {
    return documents.read(TOMBSTONES + id + ".json", Tombstone.class);
  }

  private DispositionRun save(DispositionRun run) {
    int version = versions.merge(run.id(), 1, Integer::sum);
    documents.append(RUNS + run.id(), version, run);
    runs.put(run.id(), DispositionRunSummary.of(run));
    return run;
  }

  private DispositionAction action(RecordMetadata record) {
    return filePlan
        .find(record.recordClass())
        .map(RecordClass::disposition)
        .orElse(DispositionAction.REVIEW);
  }

  private static Excluded excludedFor(RecordMetadata record, Retention r) {
    String reason =
        switch (r.status()) {
          case EVENT_PENDING -> "event pending: " + r.pendingEvent();
          case RETAINED ->
              r.conflict() != null
                  ? "rules conflict: " + r.conflict()
                  : "retained until " + r.retainUntil() + " (" + r.rule() + ")";
          case HELD -> "under legal hold " + r.holds();
          case ELIGIBLE -> "eligible";
        };
    return new Excluded(record.id().value(), record.recordClass(), r.status(), reason);
  }
}
