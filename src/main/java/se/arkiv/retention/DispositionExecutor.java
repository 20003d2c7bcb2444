package se.arkiv.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.search.SearchService;

/**
 * Carries runs out in the background, one at a time (runs over the same records would only race
 * each other), batch by batch, and resumes the runs a stop or a crash interrupted. A run that
 * cannot go on now (the index still catching up while holds work by query, the store down) stays
 * EXECUTING and is tried again after a growing pause, from 15 s up to ten minutes. The pause is
 * scheduled rather than slept: a {@code RetryTemplate} would sleep on the disposition thread and
 * hold every other run off meanwhile.
 */
@Component
class DispositionExecutor implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DispositionExecutor.class);
  private static final int BATCH = 500;
  private static final int GATED = 50;

  private final DispositionRunStore runs;
  private final RecordDestruction destruction;
  private final DestructionCertificates certificates;
  private final SearchService search;
  private final TaskScheduler scheduler;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();
  private final ExponentialBackOff pauses = new ExponentialBackOff(15_000, 2);
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  DispositionExecutor(
      DispositionRunStore runs,
      RecordDestruction destruction,
      DestructionCertificates certificates,
      SearchService search,
      TaskScheduler scheduler,
      Clock clock,
      ApplicationEventPublisher events) {
    this.runs = runs;
    this.destruction = destruction;
    this.certificates = certificates;
    this.search = search;
    this.scheduler = scheduler;
    this.clock = clock;
    this.events = events;
    pauses.setMaxInterval(600_000);
    worker.setThreadNamePrefix("disposition-");
    worker.setCorePoolSize(1);
    worker.setMaxPoolSize(1);
    // An interrupt could leave a record half deleted: the record being destroyed finishes, the
    // run stops before the next one and resumes at the next start.
    worker.setWaitForTasksToCompleteOnShutdown(true);
    worker.setAwaitTerminationSeconds(30);
    worker.initialize();
  }

  /**
   * Carries an EXECUTING run out in the background; false (and nothing done) when it is being
   * carried out already.
   */
  boolean carryOutInBackground(DispositionRun run) {
    if (!active.add(run.id())) {
      return false;
    }
    submit(run, pauses.start());
    return true;
  }

  /** Resumes the runs a stop or a crash interrupted, once the service is up. */
  @EventListener(ApplicationReadyEvent.class)
  void resumeInterruptedRuns() {
    for (DispositionRunSummary run : runs.all()) {
      if (run.state() == DispositionRun.State.EXECUTING
          && carryOutInBackground(runs.find(run.id()))) {
        log.info("Resuming disposition run {}, interrupted while executing", run.id());
      }
    }
  }

  private void submit(DispositionRun run, BackOffExecution backOff) {
    worker.execute(
        () -> {
          boolean again = false;
          try {
            carryOut(run);
          } catch (RuntimeException e) {
            if (!stopping) {
              long pause = backOff.nextBackOff();
              log.warn(
                  "Disposition run {} cannot go on now ({}); trying again in {} s",
                  run.id(),
                  e.getMessage(),
                  pause / 1000);
              again = true;
              scheduler.schedule(
                  () -> {
                    if (!stopping) {
                      submit(run, backOff);
                    }
                  },
                  scheduler.getClock().instant().plusMillis(pause));
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
        List<Outcome> done = destruction.destroy(run, slice, () -> stopping);
        outcomes.addAll(done);
        if (done.size() < slice.size()) {
          log.info("Disposition run {} pauses for shutdown; it resumes at start", run.id());
          return;
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
        certificates
            .find(run.id())
            .map(CertificateOfDestruction::executedAt)
            .orElseGet(clock::instant);
    String certificate = certificates.file(run, outcomes, executedAt, user);
    long destroyed = outcomes.stream().filter(Outcome::destroyed).count();
    // The audit entry before the last step: after a crash in between, the resumed run writes
    // it again rather than never.
    events.publishEvent(
        new DispositionRunFinished(
            run.id(), destroyed, outcomes.size() - destroyed, certificate, user, executedAt));
    runs.save(run.executed(executedAt, user, outcomes, certificate));
    log.info(
        "Disposition run {}: {} of {} destroyed, certificate {}",
        run.id(),
        destroyed,
        outcomes.size(),
        certificate);
  }

  @Override
  public void destroy() {
    stopping = true;
    worker.shutdown();
  }
}
