package se.arkiv.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import se.arkiv.filing.Filed;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.record.Provenance;
import se.arkiv.record.RecordImported;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.UnknownRecordClass;

/**
 * One pass of an import over its manifest, from the stored copy: every line without an outcome in
 * the journal is filed, {@code parallelism} at a time. Each outcome is audited, then journaled in
 * segments. A line filed just before a crash, whose outcome never reached the journal, is filed
 * again on resume and found as the record it already is: that record's provenance names this import
 * and line, so it counts as filed, not as a duplicate, and nothing is filed twice.
 */
final class ImportRun {

  private final Import imported;
  private final ImportSource source;
  private final FilingService filing;
  private final ImportJournal journal;
  private final ApplicationEventPublisher events;
  private final ImportSettings settings;
  private final Clock clock;

  private final BitSet done = new BitSet();
  private final AtomicLong filed = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong doneThisRun = new AtomicLong();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final List<LineOutcome> pending = new ArrayList<>();
  // Lines being filed now, since when: the journal's bound on what a crash may leave unjournaled.
  private final Map<Integer, Instant> inFlight = new ConcurrentHashMap<>();
  private final Instant resumedAt;
  private int segments;
  private volatile boolean stopping;

  ImportRun(
      Import imported,
      ImportSource source,
      FilingService filing,
      ImportJournal journal,
      ApplicationEventPublisher events,
      ImportSettings settings,
      Clock clock) {
    this.imported = imported;
    this.source = source;
    this.filing = filing;
    this.journal = journal;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.segments = journal.outcomes(imported.id(), this::count);
    this.resumedAt = clock.instant();
  }

  private void count(LineOutcome outcome) {
    if (done.get(outcome.line())) {
      return;
    }
    done.set(outcome.line());
    switch (outcome.outcome()) {
      case FILED -> filed.incrementAndGet();
      case DUPLICATE -> duplicates.incrementAndGet();
      case REFUSED -> refused.incrementAndGet();
    }
  }

  /**
   * On a resume: takes the lines a crash left filed but not journaled as filed, before any line is
   * filed again.
   */
  void recover(UnjournaledLines unjournaled) {
    Instant since = journal.unjournaledSince(imported.id()).orElse(imported.startedAt());
    unjournaled.find(
        imported,
        since,
        this::isDone,
        record -> {
          Provenance provenance = record.provenance();
          publish(record, provenance.manifestLine(), provenance.legacyId(), true);
          record(
              new LineOutcome(
                  provenance.manifestLine(),
                  provenance.sourceFile(),
                  provenance.legacyId(),
                  LineOutcome.Kind.FILED,
                  record.id().value(),
                  null));
        });
  }

  /** Files every line not done yet; true when the import has finished, false when stopped. */
  boolean carryOut(TaskExecutor workers) {
    Semaphore window = new Semaphore(settings.parallelism() * 4);
    ManifestCheck plan = new ManifestCheck(source, filing, clock, false);
    long[] submitted = {0};
    try (InputStream manifest = journal.manifest(imported)) {
      ManifestReader.read(
          manifest,
          imported.manifestKey().endsWith(".json"),
          row -> {
            if (stopping || failure.get() != null || isDone(row.line())) {
              return;
            }
            throttle(submitted[0]++);
            window.acquireUninterruptibly();
            workers.execute(
                () -> {
                  try {
                    take(row, plan);
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  } finally {
                    window.release();
                  }
                });
          },
          problem -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    window.acquireUninterruptibly(settings.parallelism() * 4);
    flush();
    if (failure.get() != null) {
      throw failure.get();
    }
    return !stopping;
  }

  private synchronized boolean isDone(int line) {
    return done.get(line);
  }

  /** Holds the pace at {@code arkiv.imports.max-per-second}, when one is set. */
  private void throttle(long n) {
    if (settings.maxPerSecond() <= 0) {
      return;
    }
    Instant due = resumedAt.plusNanos((long) (n * 1_000_000_000L / settings.maxPerSecond()));
    long wait = Duration.between(clock.instant(), due).toMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  private void take(ManifestRow row, ManifestCheck plan) {
    inFlight.put(row.line(), clock.instant());
    List<RowProblem> problems = new ArrayList<>();
    PlannedLine line = plan.check(row, problems::add);
    if (line == null) {
      // Valid when the import began; the source changed since (a file moved away, say).
      record(refusal(row, problems.isEmpty() ? "invalid" : problems.get(0).reason()));
      return;
    }
    Provenance provenance = line.provenance(imported.id(), imported.legacySystem());
    Filed outcome;
    try (InputStream in = Files.newInputStream(line.file())) {
      outcome =
          filing.file(
              line.request(),
              in,
              line.file().getFileName().toString(),
              imported.startedBy(),
              provenance);
    } catch (IOException e) {
      record(refusal(row, "cannot read the file: " + e.getMessage()));
      return;
    } catch (InvalidFilingRequest | UnknownRecordClass e) {
      record(refusal(row, e.getMessage()));
      return;
    }
    RecordMetadata record = outcome.record();
    boolean ours =
        outcome.created()
            || (record.provenance() != null
                && imported.id().equals(record.provenance().importId())
                && record.provenance().manifestLine() == line.line());
    publish(record, line.line(), line.legacyId(), ours);
    record(
        new LineOutcome(
            line.line(),
            line.sourceFile(),
            line.legacyId(),
            ours ? LineOutcome.Kind.FILED : LineOutcome.Kind.DUPLICATE,
            record.id().value(),
            null));
  }

  private void publish(RecordMetadata record, int line, String legacyId, boolean ours) {
    events.publishEvent(
        new RecordImported(
            record.id(),
            record.recordClass(),
            record.sha256(),
            record.size(),
            imported.id(),
            line,
            legacyId,
            imported.startedBy(),
            ours));
  }

  private static LineOutcome refusal(ManifestRow row, String reason) {
    return new LineOutcome(
        row.line(), row.get("file"), row.get("legacyId"), LineOutcome.Kind.REFUSED, null, reason);
  }

  private void record(LineOutcome outcome) {
    synchronized (this) {
      count(outcome);
      doneThisRun.incrementAndGet();
      pending.add(outcome);
      inFlight.remove(outcome.line());
      if (pending.size() < settings.journalEvery()) {
        return;
      }
    }
    flush();
  }

  /** Writes the outcomes not yet journaled as the next segment. */
  synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Instant since = inFlight.values().stream().min(Instant::compareTo).orElse(clock.instant());
    journal.writeSegment(imported.id(), segments + 1, since, pending);
    segments++;
    pending.clear();
  }

  void stop() {
    stopping = true;
  }

  Import imported() {
    return imported;
  }

  long filed() {
    return filed.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  long refused() {
    return refused.get();
  }

  /** Lines taken since this pass began, and when it began: the rate and the ETA. */
  long doneThisRun() {
    return doneThisRun.get();
  }

  Instant resumedAt() {
    return resumedAt;
  }
}
