package se.arkiv.fixity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import se.arkiv.cluster.Leadership;
import se.arkiv.fixity.FixityRun.State;
import se.arkiv.record.RecordId;
import se.arkiv.storage.RecordLayout;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageUnavailable;

/**
 * Fixity runs: every record checked by {@link RecordCheck}, {@code arkiv.fixity.parallelism} at a
 * time, in id order. Progress is saved every {@code checkpoint-every} records as a new version of
 * {@code fixity/runs/<id>/}, and each record's findings as {@code
 * fixity/runs/<id>/findings/<record>.json} the moment they are found (audited and logged then), so
 * a run cut short by a stop or a crash resumes after its last checkpoint and reports nothing twice.
 *
 * <p>Why it is over 300 lines: it is the run's driver only (start, resume, the windowed loop that
 * hands records to the checkers and records their results in order, backoff while the store is
 * down, shutdown); the store of runs ({@link FixityRunStore}), the checks ({@link RecordCheck}) and
 * the audit ({@link FixityAudit}) are classes of their own, and the loop reads best whole.
 */
@Component
public class FixityRuns implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(FixityRuns.class);
  static final String ACTOR = "arkiv-fixity";
  // Records handed to the checkers at once: enough to keep every checker busy while the
  // results of the window before are recorded in order.
  private static final int WINDOW_PER_CHECKER = 32;

  private final RecordStore records;
  private final String node;
  private final FixityRunStore runs;
  private final RecordCheck check;
  private final FixityAudit alerts;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final FixitySettings settings;
  private final ThreadPoolTaskExecutor driver;
  private final ThreadPoolTaskExecutor checkers;

  /** After a failure (the store is down, say): 15 s, doubling up to ten minutes. */
  private final ExponentialBackOff pauses = new ExponentialBackOff(15_000, 2);

  private volatile String active;
  private volatile boolean stopping;

  FixityRuns(
      RecordStore records,
      FixityRunStore runs,
      RecordCheck check,
      FixityAudit alerts,
      TaskScheduler scheduler,
      Clock clock,
      FixitySettings settings,
      Leadership leadership,
      ThreadPoolTaskExecutorBuilder pools) {
    this.node = leadership.node();
    this.records = records;
    this.runs = runs;
    this.check = check;
    this.alerts = alerts;
    this.scheduler = scheduler;
    this.clock = clock;
    this.settings = settings;
    // A record being hashed finishes at shutdown (spring.task.execution.shutdown), not cut off;
    // its run resumes at the next start.
    this.driver =
        pools
            .threadNamePrefix("fixity-run-")
            .corePoolSize(1)
            .maxPoolSize(1)
            .queueCapacity(1)
            .build();
    this.checkers =
        pools
            .threadNamePrefix("fixity-check-")
            .corePoolSize(settings.parallelism())
            .maxPoolSize(settings.parallelism())
            .queueCapacity(settings.parallelism() * WINDOW_PER_CHECKER)
            .build();
    driver.initialize();
    checkers.initialize();
    pauses.setMaxInterval(600_000);
  }

  /**
   * Starts a run in the background and answers at once: checking a large archive takes longer than
   * any HTTP client waits. Refused with {@link FixityRunInProgress} while one runs.
   */
  public synchronized FixityRun start(String actor) {
    if (active != null) {
      throw new FixityRunInProgress(active);
    }
    long total = records.recordIds().count();
    FixityRun run =
        FixityRun.started(RecordId.newId(clock).value(), clock.instant(), actor, total, node);
    runs.save(run);
    log.info("Fixity run {} started by {} over {} records", run.id(), actor, total);
    submit(run, pauses.start());
    return run;
  }

  /** Resumes a run a stop or a crash interrupted, once the service is up. */
  @EventListener(ApplicationReadyEvent.class)
  synchronized void resumeInterruptedRun() {
    all().stream()
        .filter(r -> r.state() == State.RUNNING && r.runsOn(node))
        .reduce((first, second) -> second)
        .filter(r -> active == null)
        .ifPresent(
            run -> {
              log.info(
                  "Resuming fixity run {} after record {} ({} of {} checked)",
                  run.id(),
                  run.cursor(),
                  run.checked(),
                  run.total());
              submit(run, pauses.start());
            });
  }

  private void submit(FixityRun run, BackOffExecution backOff) {
    active = run.id();
    driver.execute(
        () -> {
          boolean again = false;
          try {
            carryOut(run);
          } catch (RuntimeException e) {
            if (!stopping) {
              // The store is down, say: the run stays RUNNING and goes on from its checkpoint.
              long pause = backOff.nextBackOff();
              log.warn(
                  "Fixity run {} cannot go on now ({}); trying again in {} s",
                  run.id(),
                  e.toString(),
                  pause / 1000);
              again = true;
              scheduler.schedule(
                  () -> {
                    if (!stopping) {
                      submit(runs.find(run.id()).orElse(run), backOff);
                    }
                  },
                  clock.instant().plusMillis(pause));
            }
          } finally {
            if (!again) {
              active = null;
            }
          }
        });
  }

  private void carryOut(FixityRun from) {
    Set<String> reported = ConcurrentHashMap.newKeySet();
    long[] counts = {0, 0};
    for (Finding finding : runs.findings(from.id())) {
      reported.add(finding.recordId());
      counts[0]++;
      counts[1] += finding.resolved() ? 0 : 1;
    }
    String cursor = from.cursor();
    long checked = from.checked();
    long bytes = from.bytes();
    long sinceCheckpoint = 0;
    long began = System.nanoTime();
    Iterator<RecordId> ids =
        records
            .recordIds()
            .filter(id -> cursor == null || id.value().compareTo(cursor) > 0)
            .iterator();
    int window = settings.parallelism() * WINDOW_PER_CHECKER;
    FixityRun run = from;
    while (ids.hasNext()) {
      if (stopping) {
        runs.save(run);
        log.info(
            "Fixity run {} pauses for shutdown after {}; it resumes at start",
            run.id(),
            run.cursor());
        return;
      }
      List<RecordId> batch = new ArrayList<>(window);
      while (ids.hasNext() && batch.size() < window) {
        batch.add(ids.next());
      }
      List<Future<RecordCheck.Checked>> results = new ArrayList<>(batch.size());
      String runId = run.id();
      for (RecordId id : batch) {
        results.add(checkers.submit(() -> checkSafely(runId, id)));
      }
      for (int i = 0; i < batch.size(); i++) {
        RecordCheck.Checked checkedOne = await(results.get(i));
        checked++;
        bytes += checkedOne.bytes();
        if (!checkedOne.findings().isEmpty() && reported.add(batch.get(i).value())) {
          report(run.id(), batch.get(i), checkedOne.findings());
          counts[0] += checkedOne.findings().size();
          counts[1] += checkedOne.findings().stream().filter(f -> !f.resolved()).count();
        }
      }
      String last = batch.get(batch.size() - 1).value();
      double seconds = from.seconds() + (System.nanoTime() - began) / 1e9;
      run = run.progressed(checked, bytes, seconds, last, counts[0], counts[1]);
      sinceCheckpoint += batch.size();
      if (sinceCheckpoint >= settings.checkpointEvery()) {
        runs.save(run);
        sinceCheckpoint = 0;
      } else {
        runs.show(run);
      }
    }
    FixityRun finished =
        run.progressed(
                checked,
                bytes,
                from.seconds() + (System.nanoTime() - began) / 1e9,
                run.cursor(),
                counts[0],
                counts[1])
            .finished(clock.instant());
    alerts.finished(finished);
    runs.save(finished);
    if (finished.unresolved() > 0) {
      log.error(
          "Fixity run {} finished: {} records, {} unresolved findings of {}; see"
              + " /api/fixity/runs/{}",
          finished.id(),
          finished.checked(),
          finished.unresolved(),
          finished.findings(),
          finished.id());
    } else {
      log.info(
          "Fixity run {} finished: {} records, {} MB in {} s ({} records/s, {} MB/s), {} repaired",
          finished.id(),
          finished.checked(),
          Math.round(finished.bytes() / 1e6),
          Math.round(finished.seconds()),
          Math.round(finished.recordsPerSecond()),
          Math.round(finished.megabytesPerSecond()),
          finished.findings());
    }
  }

  /**
   * An unexpected error on one record becomes a finding on it, so one odd record cannot stop every
   * later run; only an unreachable store pauses the run.
   */
  private RecordCheck.Checked checkSafely(String runId, RecordId id) {
    try {
      return check.check(runId, id);
    } catch (StorageUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      log.error("Fixity check of record {} failed", id, e);
      return new RecordCheck.Checked(
          0,
          List.of(
              new Finding(
                  runId,
                  id.value(),
                  RecordLayout.folder(id),
                  Finding.Kind.CHECK_FAILED,
                  "the record could not be checked: " + e,
                  clock.instant())));
    }
  }

  private static RecordCheck.Checked await(Future<RecordCheck.Checked> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Fixity run interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Findings of one record: stored, audited and alerted, before the run moves past it. */
  private void report(String runId, RecordId id, List<Finding> findings) {
    runs.storeFindings(runId, id, findings);
    alerts.raise(runId, findings);
  }

  public FixityReport find(String id) {
    FixityRun run = runs.find(id).orElseThrow(() -> new FixityRunNotFound(id));
    return new FixityReport(run, runs.findings(id));
  }

  /** Every run, oldest first, without its findings. */
  public List<FixityRun> all() {
    return runs.all();
  }

  /**
   * The findings a person still has to look at: those of the running run, or of the last finished
   * run while the running one has found nothing yet (starting a run does not clear an alarm).
   */
  public Optional<FixityRun> latestWithUnresolved() {
    List<FixityRun> all = all();
    for (int i = all.size() - 1; i >= 0; i--) {
      FixityRun run = all.get(i);
      if (run.unresolved() > 0) {
        return Optional.of(run);
      }
      if (run.state() == State.FINISHED) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public void destroy() {
    stopping = true;
    driver.shutdown();
    checkers.shutdown();
  }
}
