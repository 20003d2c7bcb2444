package se.arkiv.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;
import se.arkiv.retention.DispositionRun.State;

/**
 * Disposition runs, as the rest of the service asks for them: find what may go ({@link
 * DispositionPlanner}), wait for a second records manager where the class needs review (the rules
 * are {@link DispositionRun}'s), then destroy in the background ({@link DispositionExecutor}, by
 * {@link RecordDestruction}) and file a certificate ({@link DestructionCertificates}). Each step is
 * checked and stored under this object's lock, so two requests never take the same run two ways.
 */
@Component
public class DispositionRuns {

  /** The moments a dry run may ask about: the years a record's dates may name, and no further. */
  private static final Instant FIRST_AS_OF = Instant.parse("1000-01-01T00:00:00Z");

  private static final Instant LAST_AS_OF = Instant.parse("9999-12-31T23:59:59Z");

  private static final Logger log = LoggerFactory.getLogger(DispositionRuns.class);

  private final DispositionRunStore runs;
  private final DispositionPlanner planner;
  private final DispositionExecutor executor;
  private final RecordDestruction destruction;
  private final DestructionCertificates certificates;
  private final LegalHolds holds;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  DispositionRuns(
      DispositionRunStore runs,
      DispositionPlanner planner,
      DispositionExecutor executor,
      RecordDestruction destruction,
      DestructionCertificates certificates,
      LegalHolds holds,
      Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.runs = runs;
    this.planner = planner;
    this.executor = executor;
    this.destruction = destruction;
    this.certificates = certificates;
    this.holds = holds;
    this.clock = clock;
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
    // By the year in Sweden, where a date as of is read: 1000-01-01 at midnight there is
    // 0999-12-31T22:47:48Z (its mean solar time), which a bound in UTC refused.
    if (asOf != null
        && (asOf.isBefore(FIRST_AS_OF.minus(Duration.ofDays(1)))
            || asOf.isAfter(LAST_AS_OF)
            || asOf.atZone(RetentionClock.LEGAL_ZONE).getYear() < 1000)) {
      throw RetentionProblem.invalid("asOf: a moment from year 1000 to 9999");
    }
    Instant at = asOf == null ? now : asOf;
    DispositionPlan plan = planner.plan(at, recordClass, destroyOnly);
    String id = RecordId.newId(clock).value();
    return runs.save(DispositionRun.planned(id, dryRun, at, recordClass, now, user, plan));
  }

  public synchronized DispositionRun approve(String id, String user) {
    return runs.save(runs.find(id).approve(user, clock.instant()));
  }

  /**
   * Starts carrying out a ready run in the background and answers at once with the run in state
   * {@code EXECUTING}: a run over a hundred thousand records takes minutes, longer than any HTTP
   * client or proxy waits, and must not hold off the other runs meanwhile. A run left executing by
   * a failure is resumed by executing it again (or by the next start of the service).
   */
  public synchronized DispositionRun execute(String id, String user) {
    DispositionRun run = runs.find(id);
    if (run.state() == State.EXECUTING && executor.carryOutInBackground(run)) {
      log.info("Resuming disposition run {} for {}", id, user);
      return run;
    }
    DispositionRun executing = run.execute(user, clock.instant());
    // Refused at once (503), as long as the run could not go on anyway.
    holds.requireCheckable();
    runs.save(executing);
    executor.carryOutInBackground(executing);
    return executing;
  }

  /** A retracted event makes void every run not executed yet whose candidates rely on it. */
  @EventListener
  synchronized void on(RetentionEventRetracted retracted) {
    for (DispositionRunSummary summary : runs.all()) {
      if (!summary.dependsOnEvents().contains(retracted.eventId())) {
        continue;
      }
      DispositionRun run = runs.find(summary.id());
      if (run.open()) {
        DispositionRun voided =
            run.voided(
                "retention event "
                    + retracted.eventId()
                    + " it relied on was retracted: "
                    + retracted.reason());
        runs.save(voided);
        // No request of its own turned the run void: the trail learns of it here.
        events.publishEvent(
            new DispositionRunVoided(
                run.id(), retracted.eventId(), voided.voidReason(), retracted.retractedBy()));
      }
    }
  }

  /** One run whole, with its candidates, exclusions and outcomes, as the store holds it. */
  public DispositionRun find(String id) {
    return runs.find(id);
  }

  public List<DispositionRunSummary> all() {
    return runs.all();
  }

  public Optional<CertificateOfDestruction> certificate(String runId) {
    runs.summary(runId); // 404 for no such run, rather than "no certificate yet"
    return certificates.find(runId);
  }

  public Optional<Tombstone> tombstone(RecordId id) {
    return destruction.tombstone(id);
  }
}
