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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import se.arkiv.cluster.Leadership;
import se.arkiv.cluster.LeadershipGained;
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
 *
 * <p>Of several nodes on one store only the leading one carries runs out: a run set executing on
 * another node is found by the leader within {@code arkiv.node.refresh-interval}, and a node that
 * stops leading stops after the record in hand, for the next leader to resume. Resuming is safe
 * because each destruction leaves its intent first (see {@link RecordDestruction}).
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
  private final Leadership leadership;
  private final SharedRetentionState shared;
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
      ApplicationEventPublisher events,
      Leadership leadership,
      SharedRetentionState shared) {
    this.leadership = leadership;
    this.shared = shared;
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
   * Carries an EXECUTING run out in the background (or leaves it to the leading node); false (and
   * nothing done) when it is being carried out already.
   */
  boolean carryOutInBackground(DispositionRun run) {
    if (!leadership.leads()) {
      log.info("Disposition run {} is left to the leading node to carry out", run.id());
      return true;
    }
    if (!active.add(run.id())) {
      return false;
    }
    submit(run, pauses.start());
    return true;
  }

  /**
   * Resumes the runs a stop or a crash interrupted, once this node leads: the only node when it is
   * up, one of several when it takes the lease (from a node that may have died mid-run).
   */
  @EventListener(LeadershipGained.class)
  void resumeInterruptedRuns() {
    if (shared.oneOfSeveral()) {
      runs.reload(); // the run may have been set executing on the node that led before
    }
    for (DispositionRunSummary run : runs.all()) {
      // Checked before the run's lists are read: a run in hand is polled every 15 s.
      if (run.state() == DispositionRun.State.EXECUTING
          && !active.contains(run.id())
          && carryOutInBackground(runs.find(run.id()))) {
        log.info("Resuming disposition run {}, interrupted while executing", run.id());
      }
    }
  }

  /** Of several nodes: the runs set executing on another node, or left by a leader that died. */
  @Scheduled(
      initialDelayString = "${arkiv.node.refresh-interval:15s}",
      fixedDelayString = "${arkiv.node.refresh-interval:15s}")
  void resumeRunsOfOtherNodes() {
    if (shared.oneOfSeveral() && leadership.leads()) {
      resumeInterruptedRuns();
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
                    if (!stopping && leadership.leads()) {
                      submit(run, backOff);
                    } else {
                      active.remove(run.id());
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
        shared.beforeDestroying(run);
        List<Outcome> done = destruction.destroy(run, slice, () -> stopping || !leadership.leads());
        outcomes.addAll(done);
        if (done.size() < slice.size()) {
          log.info(
              "Disposition run {} pauses ({}); it resumes where it stopped",
              run.id(),
              stopping ? "the service stops" : "this node no longer leads");
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
