package se.arkiv.filing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.record.Extraction;
import se.arkiv.record.FiledFromInbox;
import se.arkiv.record.UnknownRecordClass;
import se.arkiv.storage.RecordStore;

/**
 * The inbox folder: files dropped in {@code <inbox>/<CLASS>/} or {@code <inbox>/<CLASS>@<DEPT>/}
 * are filed under the service user once they have stopped growing, then moved to {@code processed/}
 * or, when they cannot be filed, to {@code failed/} with a {@code .reason.txt} beside them. A file
 * dropped twice is filed once (duplicate detection). A missing, unreadable or junk-filled inbox
 * never stops the service.
 */
@Component
class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  static final String PROCESSED = "processed";
  static final String FAILED = "failed";

  private final InboxSettings settings;
  private final FilingService filing;
  private final RecordStore records;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  /** Size and modification time when a file was first seen, to tell when it stopped growing. */
  private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

  private record Seen(long size, Instant modified, Instant since) {}

  Inbox(
      InboxSettings settings,
      FilingService filing,
      RecordStore records,
      Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.settings = settings;
    this.filing = filing;
    this.records = records;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${arkiv.inbox.scan-interval:5s}",
      fixedDelayString = "${arkiv.inbox.scan-interval:5s}")
  void scan() {
    if (!settings.enabled() || !Files.isDirectory(settings.dir())) {
      return;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(settings.dir())) {
      for (Path folder : folders) {
        String name = folder.getFileName().toString();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
            || name.equals(PROCESSED)
            || name.equals(FAILED)) {
          if (Files.isSymbolicLink(folder)) {
            log.warn("Inbox: {} is a link, not a class folder; nothing in it is filed", folder);
          }
          continue;
        }
        scanFolder(folder, name);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Inbox {} could not be read: {}", settings.dir(), e.toString());
    }
  }

  private void scanFolder(Path folder, String name) throws IOException {
    String recordClass = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
    String department = name.contains("@") ? name.substring(name.indexOf('@') + 1) : null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (file.getFileName().toString().startsWith(".")) {
          continue;
        }
        if (Files.isSymbolicLink(file)) {
          // A link may lead anywhere the service can read (its users file, another service's
          // secrets): filing it would make the inbox a way to read the host. Imports refuse links
          // for the same reason.
          move(file, FAILED, "A link, not a file: the inbox files only files dropped into it");
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && settled(file)) {
          take(file, recordClass.toUpperCase(Locale.ROOT), department);
        }
      }
    }
  }

  /** True once the file has kept its size and time for the settle time. */
  private boolean settled(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Instant now = clock.instant();
    Seen before = seen.get(file);
    Instant modified = attributes.lastModifiedTime().toInstant();
    if (before == null
        || before.size() != attributes.size()
        || !before.modified().equals(modified)) {
      seen.put(file, new Seen(attributes.size(), modified, now));
      return false;
    }
    return !now.isBefore(before.since().plus(settings.settleTime()));
  }

  private void take(Path file, String recordClass, String department) {
    seen.remove(file);
    if (department != null && department.isBlank()) {
      // Filed without a department, the record would be out of every clerk's reach.
      move(
          file,
          FAILED,
          "The folder '"
              + file.getParent().getFileName()
              + "' names no department after '@'; name one, or drop the '@'");
      return;
    }
    FilingRequest request =
        new FilingRequest(recordClass, null, department, null, null, null, List.of("inbox"));
    // Not followed, should the file have become a link since it was looked at.
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      Filed filed = filing.file(request, in, file.getFileName().toString(), settings.user());
      in.close();
      if (filed.created()) {
        events.publishEvent(
            new FiledFromInbox(
                filed.record().id(),
                filed.record().recordClass(),
                filed.record().sha256(),
                file.getFileName().toString(),
                settings.user(),
                true));
      }
      // The file stays until its text is extracted (filing it again finds the same record), so
      // a clerk sees in failed/ which scans could not be read, though they are archived.
      Extraction extraction =
          records.latest(filed.record().id()).map(r -> r.extraction()).orElseThrow();
      switch (extraction.status()) {
        case PENDING -> {
          return;
        }
        case DONE -> move(file, PROCESSED, null);
        case FAILED ->
            move(
                file,
                FAILED,
                "Filed as record "
                    + filed.record().id()
                    + ", but its text could not be extracted: "
                    + extraction.reason());
      }
      log.info("Inbox: a file filed as record {}", filed.record().id());
    } catch (UnknownRecordClass e) {
      move(
          file,
          FAILED,
          "The folder '"
              + file.getParent().getFileName()
              + "' names no record class: "
              + e.getMessage());
    } catch (InvalidFilingRequest e) {
      move(file, FAILED, e.getMessage());
    } catch (IOException e) {
      log.warn("Inbox: cannot read {} yet: {}", file, e.toString());
    } catch (RuntimeException e) {
      // The store may be down: leave the file where it is and try again at the next scan.
      log.warn("Inbox: {} not filed now, will retry: {}", file, e.toString());
    }
  }

  private void move(Path file, String where, String reason) {
    try {
      Path folder = settings.dir().resolve(where).resolve(LocalDate.now(clock).toString());
      Files.createDirectories(folder);
      Path target = folder.resolve(file.getFileName());
      for (int n = 1; Files.exists(target); n++) {
        target = folder.resolve(n + "-" + file.getFileName());
      }
      // The reason is written first, so whoever sees the file gone from the inbox finds it.
      if (reason != null) {
        Files.writeString(
            target.resolveSibling(target.getFileName() + ".reason.txt"), reason + "\n");
      }
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("Inbox: cannot move {} to {}: {}", file, where, e.toString());
    }
  }
}
