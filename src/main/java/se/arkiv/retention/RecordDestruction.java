package se.arkiv.retention;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.search.SearchService;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.RecordStore;

/**
 * The destruction of a run's records, slice by slice: each record re-checked right before (still in
 * the store, not being extracted, still eligible now, under no hold), the slice's note of intent
 * written before the first deletion ({@link DestructionIntents}), every copy destroyed, then its
 * index entry, its tombstone and the {@link RecordDestroyed} event. A record a run destroyed before
 * an interruption is recognised by its tombstone or that note, so nothing is done twice and nothing
 * destroyed goes unrecorded.
 *
 * <p>The records of a slice are re-checked and destroyed side by side, each by the same steps in
 * the same order on a thread of its own. Destruction waits on the disk more than on the processor
 * (the deletions, the tombstone and the audit entry each wait for a flush); one record at a time
 * pays each flush alone, where records side by side share them through the store's and the trail's
 * group commit.
 *
 * <p>Why it is over 300 lines: the re-check, the destruction and what an interruption left (a
 * tombstone, a note of intent, remains of a noted record) are one protocol whose steps must stay in
 * one order; split, the order would be spread over classes that each see only a part of it.
 */
@Component
class RecordDestruction implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RecordDestruction.class);
  private static final String TOMBSTONES = "disposition/tombstones/";

  /** Side by side: each record waits on three flushes in turn; 16 beat 8 by 7 % at 100,000. */
  static final int SIDE_BY_SIDE = 16;

  private final RecordStore records;
  private final JsonDocuments documents;
  private final RetentionService retention;
  private final LegalHolds holds;
  private final SearchService search;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();

  RecordDestruction(
      RecordStore records,
      JsonDocuments documents,
      RetentionService retention,
      LegalHolds holds,
      SearchService search,
      Clock clock,
      ApplicationEventPublisher events) {
    this.records = records;
    this.documents = documents;
    this.retention = retention;
    this.holds = holds;
    this.search = search;
    this.clock = clock;
    this.events = events;
    workers.setThreadNamePrefix("destruction-");
    workers.setCorePoolSize(SIDE_BY_SIDE);
    workers.setMaxPoolSize(SIDE_BY_SIDE);
    workers.setAllowCoreThreadTimeOut(true);
    // A record being destroyed finishes; the slice waits for it before it lets go of the gate.
    workers.setWaitForTasksToCompleteOnShutdown(true);
    workers.setAwaitTerminationSeconds(30);
    workers.initialize();
  }

  /**
   * Destroys a slice of the run's candidates, or as many as it can before {@code stop} says so:
   * then fewer outcomes than candidates come back. Holds are checked right before, with hold
   * changes held off until the slice is done: a hold placed during a long run still saves what it
   * covers, and placing one waits for a few records at most. The records are re-checked side by
   * side, then noted in one note of intent, then destroyed side by side: one note per slice rather
   * than one per record, each a new file and two fsyncs.
   */
  List<Outcome> destroy(DispositionRun run, List<Candidate> slice, BooleanSupplier stop) {
    holds.gate().lock();
    try {
      Map<String, List<String>> covering =
          holds.covering(slice.stream().map(Candidate::id).toList());
      DestructionIntents intents = new DestructionIntents(documents, run);
      List<Judgement> judged =
          inOrder(
              sideBySide(
                  slice,
                  candidate ->
                      stop.getAsBoolean()
                          ? null
                          : judge(run, candidate, covering.get(candidate.id()), intents)));
      intents.noteBeforeDestroying(
          slice.get(0).id(),
          judged.stream().map(Judgement::doomed).filter(Objects::nonNull).toList());
      // Every record of the slice is done before the gate opens for a hold.
      return inOrder(
          sideBySide(
              judged,
              judgement ->
                  judgement.decided() != null
                      ? judgement.decided()
                      : stop.getAsBoolean() ? null : destroy(run, judgement)));
    } finally {
      holds.gate().unlock();
    }
  }

  /**
   * A record re-checked: decided already (kept, or destroyed before), or doomed, to destroy now.
   */
  private record Judgement(Outcome decided, RecordMetadata current, Tombstone doomed) {

    static Judgement of(Outcome decided) {
      return new Judgement(decided, null, null);
    }
  }

  /** Work on each item on a thread of its own; the items not begun when the service stops miss. */
  private <T, R> List<Future<R>> sideBySide(List<T> items, Function<T, R> work) {
    List<Future<R>> started = new ArrayList<>();
    for (T item : items) {
      try {
        started.add(workers.submit(() -> work.apply(item)));
      } catch (TaskRejectedException e) {
        // Only while the service stops: the records not begun are the resumed run's.
        break;
      }
    }
    return started;
  }

  /**
   * The results up to the first record left for a stop (a null result); the records done after it
   * are recognised by their tombstones when the run resumes. Waits for every record, even when
   * interrupted or when one failed, and then throws the first failure, as the run did one record at
   * a time.
   */
  private static <R> List<R> inOrder(List<Future<R>> started) {
    List<R> results = new ArrayList<>();
    RuntimeException failure = null;
    boolean interrupted = false;
    boolean complete = true;
    for (Future<R> future : started) {
      R result = null;
      while (true) {
        try {
          result = future.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
          }
          break;
        }
      }
      complete &= result != null;
      if (complete) {
        results.add(result);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  @Override
  public void destroy() {
    workers.shutdown();
  }

  Optional<Tombstone> tombstone(RecordId id) {
    return documents.read(TOMBSTONES + id + ".json", Tombstone.class);
  }

  /** The re-check of one record, right before its destruction. */
  private Judgement judge(
      DispositionRun run, Candidate candidate, List<String> heldBy, DestructionIntents intents) {
    RecordId id = RecordId.of(candidate.id());
    RecordMetadata current = records.latest(id).orElse(null);
    if (current == null) {
      Optional<Tombstone> tombstone = tombstone(id);
      if (tombstone.isPresent()) {
        // Destroyed before an interruption: its tombstone says by which run.
        boolean byThisRun = tombstone.get().runId().equals(run.id());
        if (byThisRun) {
          Tombstone stone = tombstone.get();
          events.publishEvent(
              new DestroyedBeforeAStop(
                  id,
                  stone.recordClass(),
                  stone.sha256(),
                  run.id(),
                  run.executedBy(),
                  stone.destroyedAt()));
        }
        return Judgement.of(
            new Outcome(
                candidate.id(),
                byThisRun,
                byThisRun
                    ? null
                    // The certificate says where it went: another run's own certificate has it.
                    : "already destroyed by run "
                        + tombstone.get().runId()
                        + " at "
                        + tombstone.get().destroyedAt()));
      }
      Optional<Tombstone> intent = intents.noted(id);
      if (intent.isPresent()) {
        // Destroyed by this run, interrupted before its tombstone: whatever a crash kept of it
        // goes, then the evidence is finished.
        records.destroyRemains(id);
        return Judgement.of(finish(run, id, intent.get()));
      }
      return Judgement.of(new Outcome(candidate.id(), false, "no longer in the store"));
    }
    Retention now = retention.at(current, List.of(), clock.instant());
    String refusal = refusal(current, heldBy, now);
    if (refusal != null) {
      // Only a refused record needs to know whether this run had begun deleting it.
      boolean begun = !records.hasOriginal(id) && intents.noted(id).isPresent();
      return Judgement.of(
          new Outcome(
              candidate.id(),
              false,
              begun
                  ? "its content was deleted before an interruption; the rest is kept: " + refusal
                  : refusal));
    }
    return new Judgement(
        null,
        current,
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
            run.approvedBy()));
  }

  /** The destruction of one noted record; never claims what the store refused. */
  private Outcome destroy(DispositionRun run, Judgement doomed) {
    RecordId id = doomed.current().id();
    try {
      records.destroy(doomed.current());
    } catch (RuntimeException e) {
      log.warn("Store refused to destroy {}: {}", id, e.getMessage());
      return new Outcome(id.value(), false, "the store refused the deletion: " + e.getMessage());
    }
    return finish(run, id, doomed.doomed());
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
      return "no longer eligible: " + DispositionRun.Excluded.of(current, now).reason();
    }
    return null;
  }

  private Outcome finish(DispositionRun run, RecordId id, Tombstone tombstone) {
    try {
      search.forget(id);
    } catch (RuntimeException e) {
      // The catch-up drops index entries of records that are gone from the store.
      log.warn("Index entry of destroyed record {} stays until the next catch-up", id, e);
    }
    documents.createOrKeep(TOMBSTONES + id + ".json", tombstone);
    events.publishEvent(
        new RecordDestroyed(
            id,
            tombstone.recordClass(),
            tombstone.sha256(),
            run.id(),
            run.executedBy(),
            clock.instant()));
    return new Outcome(id.value(), true, null);
  }
}
