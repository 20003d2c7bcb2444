package se.arkiv.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;
import se.arkiv.filing.FilingService;
import se.arkiv.record.ImportFinished;
import se.arkiv.record.ImportStarted;
import se.arkiv.record.RecordId;

/**
 * Bulk imports: the whole manifest is checked first and nothing is filed when a row is bad; then
 * the import files in the background, one import at a time, and resumes at the next start when a
 * stop or a crash cut it short.
 */
@Component
public class Imports implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Imports.class);

  private final String node;
  private final ImportSettings settings;
  private final FilingService filing;
  private final ImportJournal journal;
  private final UnjournaledLines unjournaled;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ThreadPoolTaskExecutor driver;
  private final ThreadPoolTaskExecutor workers;
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private volatile ImportRun active;
  private volatile boolean stopping;

  Imports(
      ImportSettings settings,
      FilingService filing,
      ImportJournal journal,
      UnjournaledLines unjournaled,
      ApplicationEventPublisher events,
      Clock clock,
      Leadership leadership,
      ThreadPoolTaskExecutorBuilder pools) {
    this.node = leadership.node();
    this.settings = settings;
    this.filing = filing;
    this.journal = journal;
    this.unjournaled = unjournaled;
    this.events = events;
    this.clock = clock;
    // A file being filed finishes at shutdown (spring.task.execution.shutdown), not cut off; the
    // import resumes at the next start.
    this.driver =
        pools
            .threadNamePrefix("import-run-")
            .corePoolSize(1)
            .maxPoolSize(1)
            .queueCapacity(16)
            .build();
    this.workers =
        pools
            .threadNamePrefix("import-file-")
            .corePoolSize(settings.parallelism())
            .maxPoolSize(settings.parallelism())
            .queueCapacity(settings.parallelism() * 4)
            .build();
    driver.initialize();
    workers.initialize();
  }

  /**
   * Checks the whole manifest, then starts filing in the background and answers at once. Refused
   * with {@link InvalidManifest} (every problem, by line) and nothing filed when a row is bad.
   */
  public synchronized ImportProgress start(ImportRequest request, String actor) {
    if (active != null) {
      throw new ImportInProgress(active.imported().id());
    }
    request.check();
    ImportSource source = ImportSource.resolve(settings.root(), request);
    long lines = ManifestValidation.validate(source, filing, clock);
    String id = RecordId.newId(clock).value();
    String manifestKey = journal.keepManifest(id, source.manifest());
    Import imported =
        new Import(
            id,
            request.source(),
            request.manifest(),
            manifestKey,
            source.bag() != null,
            blankToNull(request.legacySystem()),
            actor,
            clock.instant(),
            lines,
            Import.State.RUNNING,
            null,
            0,
            0,
            0,
            node);
    journal.save(imported);
    events.publishEvent(
        new ImportStarted(
            id, actor, request.source(), request.manifest(), source.bag() != null, lines));
    log.info("Import {} of {} ({} lines) started by {}", id, request.source(), lines, actor);
    submit(imported, source, false);
    return progress(id);
  }

  private void submit(Import imported, ImportSource source, boolean resuming) {
    ImportRun run = new ImportRun(imported, source, filing, journal, events, settings, clock);
    active = run;
    problems.remove(imported.id());
    driver.execute(
        () -> {
          boolean finished = false;
          try {
            if (resuming) {
              run.recover(unjournaled);
            }
            finished = run.carryOut(workers);
            if (finished) {
              finish(run);
            }
          } catch (RuntimeException e) {
            // The store is down, say: the import stays unfinished and is resumed later.
            log.warn("Import {} interrupted: {}", imported.id(), e.toString());
            problems.put(imported.id(), e.getMessage() == null ? e.toString() : e.getMessage());
          } finally {
            active = null;
          }
          if (finished && !stopping) {
            resumeUnfinished();
          }
        });
  }

  private void finish(ImportRun run) {
    Import done =
        run.imported().finished(clock.instant(), run.filed(), run.duplicates(), run.refused());
    journal.save(done);
    events.publishEvent(
        new ImportFinished(
            done.id(),
            done.startedBy(),
            done.lines(),
            done.filed(),
            done.duplicates(),
            done.refused()));
    log.info(
        "Import {} finished: {} filed, {} duplicates, {} refused",
        done.id(),
        done.filed(),
        done.duplicates(),
        done.refused());
  }

  /** Continues the oldest unfinished import, once the service is up. */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void resumeUnfinished() {
    if (active != null || stopping) {
      return;
    }
    journal.all().stream()
        .filter(
            i ->
                i.state() == Import.State.RUNNING
                    && i.runsOn(node)
                    && !problems.containsKey(i.id()))
        .findFirst()
        .ifPresent(this::resumeQuietly);
  }

  private void resumeQuietly(Import imported) {
    try {
      log.info("Resuming import {}", imported.id());
      submit(imported, ImportSource.folder(settings.root(), imported.source()), true);
    } catch (RuntimeException e) {
      log.warn("Import {} cannot be resumed: {}", imported.id(), e.getMessage());
      problems.put(imported.id(), e.getMessage());
    }
  }

  /** Resumes an interrupted import now; a running or finished one is left as it is. */
  public synchronized ImportProgress resume(String id) {
    Import imported = journal.find(id).orElseThrow(() -> new ImportNotFound(id));
    if (imported.state() == Import.State.FINISHED
        || (active != null && active.imported().id().equals(id))) {
      return progress(id);
    }
    if (active != null) {
      throw new ImportInProgress(active.imported().id());
    }
    submit(imported, ImportSource.folder(settings.root(), imported.source()), true);
    return progress(id);
  }

  public ImportProgress progress(String id) {
    Import imported = journal.find(id).orElseThrow(() -> new ImportNotFound(id));
    ImportRun run = active;
    if (run != null && run.imported().id().equals(id)) {
      long done = run.filed() + run.duplicates() + run.refused();
      double seconds =
          Math.max(0.001, Duration.between(run.resumedAt(), clock.instant()).toMillis() / 1000.0);
      double rate = run.doneThisRun() / seconds;
      Long eta = rate > 0 ? (long) Math.ceil((imported.lines() - done) / rate) : null;
      return ImportProgress.of(
          imported,
          "RUNNING",
          done,
          run.filed(),
          run.duplicates(),
          run.refused(),
          rate,
          eta,
          problems.get(id));
    }
    if (imported.state() == Import.State.FINISHED) {
      return ImportProgress.finished(imported);
    }
    long[] counts = new long[3];
    BitSet seen = new BitSet();
    journal.outcomes(
        id,
        o -> {
          if (!seen.get(o.line())) {
            seen.set(o.line());
            counts[o.outcome().ordinal()]++;
          }
        });
    return ImportProgress.of(
        imported,
        "INTERRUPTED",
        counts[0] + counts[1] + counts[2],
        counts[0],
        counts[1],
        counts[2],
        0,
        null,
        problems.get(id));
  }

  /** Every import, oldest first. */
  public List<ImportProgress> all() {
    return journal.all().stream().map(i -> progress(i.id())).toList();
  }

  /** Every line's outcome so far, by line. */
  public ImportReport report(String id) {
    ImportProgress progress = progress(id);
    Map<Integer, LineOutcome> byLine = new TreeMap<>();
    journal.outcomes(id, o -> byLine.putIfAbsent(o.line(), o));
    List<LineOutcome> filed = new ArrayList<>();
    List<LineOutcome> duplicates = new ArrayList<>();
    List<LineOutcome> refused = new ArrayList<>();
    for (LineOutcome o : byLine.values()) {
      switch (o.outcome()) {
        case FILED -> filed.add(o);
        case DUPLICATE -> duplicates.add(o);
        case REFUSED -> refused.add(o);
      }
    }
    return new ImportReport(progress, filed, duplicates, refused);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public void destroy() {
    stopping = true;
    ImportRun run = active;
    if (run != null) {
      run.stop();
    }
    driver.shutdown();
    workers.shutdown();
  }
}
