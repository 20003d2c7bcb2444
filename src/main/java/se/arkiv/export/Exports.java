package se.arkiv.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;
import se.arkiv.security.Actor;

/**
 * Evidence exports: the selection is checked and resolved when asked for, so a bad request is
 * refused at once and the audit entry carries the count; the bag is then written in the background
 * into {@code arkiv.exports.dir}, and downloaded from there. Exports are kept in memory only: a
 * restart forgets them (a running one is lost, and asked for again), and the folder's leftovers are
 * deleted at start. An export is shown to the one who asked for it only.
 */
@Component
public class Exports implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Exports.class);

  private final ExportSelection selection;
  private final EvidenceBag bag;
  private final ExportSettings settings;
  private final Clock clock;
  private final ThreadPoolTaskExecutor writers;
  private final Map<String, Export> exports = new ConcurrentHashMap<>();

  Exports(ExportSelection selection, EvidenceBag bag, ExportSettings settings, Clock clock)
      throws IOException {
    this.selection = selection;
    this.bag = bag;
    this.settings = settings;
    this.clock = clock;
    Files.createDirectories(settings.dir());
    try (Stream<Path> leftovers = Files.list(settings.dir())) {
      for (Path file : leftovers.toList()) {
        Files.deleteIfExists(file);
      }
    }
    this.writers = new ThreadPoolTaskExecutor();
    writers.setThreadNamePrefix("export-");
    writers.setCorePoolSize(settings.threads());
    writers.setMaxPoolSize(settings.threads());
    writers.setQueueCapacity(100);
    writers.setWaitForTasksToCompleteOnShutdown(false);
    writers.initialize();
  }

  /** Checks and resolves the selection, then writes the bag in the background. */
  public Export start(ExportRequest request, Actor actor) {
    ExportRequest checked = ExportSelection.checked(request);
    List<String> ids = selection.select(checked, actor);
    Export export =
        Export.started(
            RecordId.newId(clock).value(), checked, actor.username(), clock.instant(), ids.size());
    exports.put(export.id(), export);
    try {
      writers.execute(() -> write(export, ids));
    } catch (TaskRejectedException e) {
      fail(export, "too many exports are waiting; ask again later");
    }
    return exports.get(export.id());
  }

  private void write(Export export, List<String> ids) {
    Path part = settings.dir().resolve(export.id() + ".zip.part");
    try {
      String sha256 =
          bag.write(
              export,
              ids,
              part,
              done -> exports.computeIfPresent(export.id(), (k, e) -> e.progressed(done)));
      Path zip = Files.move(part, file(export.id()), StandardCopyOption.ATOMIC_MOVE);
      exports.put(
          export.id(), exports.get(export.id()).ready(clock.instant(), Files.size(zip), sha256));
      log.info(
          "Export {} of {} records by {} is ready", export.id(), ids.size(), export.requestedBy());
    } catch (IOException | RuntimeException e) {
      log.error("Export {} failed", export.id(), e);
      fail(export, e.getMessage() == null ? e.toString() : e.getMessage());
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // the sweep or the next start removes it
      }
    }
  }

  private void fail(Export export, String why) {
    exports.computeIfPresent(export.id(), (k, e) -> e.failed(clock.instant(), why));
  }

  /** One of the actor's exports. */
  public Export find(String id, Actor actor) {
    Export export = exports.get(id);
    if (export == null || !export.requestedBy().equals(actor.username())) {
      throw new ExportNotFound(id);
    }
    return export;
  }

  /** The actor's exports, oldest first. */
  public List<Export> all(Actor actor) {
    return exports.values().stream()
        .filter(e -> e.requestedBy().equals(actor.username()))
        .sorted(Comparator.comparing(Export::id))
        .toList();
  }

  /** The zip of a READY export of the actor's; {@link ExportNotReady} before then. */
  public Path content(String id, Actor actor) {
    Export export = find(id, actor);
    if (export.state() != Export.State.READY) {
      throw new ExportNotReady(export);
    }
    return file(id);
  }

  /** Deletes finished exports older than {@code arkiv.exports.keep}, with their files. */
  @Scheduled(fixedDelayString = "${arkiv.exports.sweep-interval:1h}")
  void sweep() {
    Instant before = clock.instant().minus(settings.keep());
    for (Export export : List.copyOf(exports.values())) {
      if (export.finishedAt() != null && export.finishedAt().isBefore(before)) {
        try {
          Files.deleteIfExists(file(export.id()));
          exports.remove(export.id());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private Path file(String id) {
    return settings.dir().resolve(id + ".zip");
  }

  @Override
  public void destroy() {
    writers.shutdown();
  }
}
