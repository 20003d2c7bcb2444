package se.arkiv.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.arkiv.record.FilePlan;
import se.arkiv.record.FilePlanFiles;
import se.arkiv.record.FilePlanInvalid;
import se.arkiv.record.FilePlanSettings;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RetentionRule;
import se.arkiv.storage.JsonDocuments;

/**
 * Every version of the file plan, in the object store, and the plan in force. At start the first
 * version comes from {@code file-plan.yaml}; later, the classes an edit of that file changed (since
 * the file was last read) are a change like one made over the API, judged by the same {@link
 * FilePlanChangeRules} against the class in force: a refused edit stops start-up with the reason,
 * as a broken entry does, rather than serve under rules nobody accepted.
 */
@Component
public class FilePlanVersions {

  private static final Logger log = LoggerFactory.getLogger(FilePlanVersions.class);
  static final String FOLDER = "file-plan";
  static final String FROM_FILE = "file-plan.yaml";

  private final JsonDocuments documents;
  private final Clock clock;
  private final FilePlan plan;
  private final List<FilePlanVersion.Summary> history = new ArrayList<>();
  private final Set<String> lengthenedAtStart = new TreeSet<>();

  FilePlanVersions(FilePlanSettings settings, JsonDocuments documents, Clock clock) {
    this.documents = documents;
    this.clock = clock;
    Path file = settings.location();
    FilePlan fromFile = FilePlanFiles.load(file);
    List<FilePlanVersion> stored = new ArrayList<>();
    documents
        .versionKeys(FOLDER + "/")
        .sorted()
        .forEach(key -> documents.read(key, FilePlanVersion.class).ifPresent(stored::add));
    stored.forEach(v -> history.add(v.summary()));
    String sha = sha256(file);
    FilePlanVersion current;
    if (stored.isEmpty()) {
      current = store(first(fromFile, sha, file));
    } else {
      current = stored.get(stored.size() - 1);
      FilePlanVersion lastRead =
          stored.stream().filter(v -> v.fileSha256() != null).reduce((a, b) -> b).orElseThrow();
      if (!sha.equals(lastRead.fileSha256())) {
        current = fromEditedFile(current, lastRead.fileClasses(), fromFile, sha, file);
      }
    }
    this.plan = new FilePlan(current.classes());
    plan.adopt(current.version(), current.classes());
    log.info("File plan version {} in force ({} classes)", current.version(), plan.codes().size());
  }

  /** The plan in force, one object for the whole service: a change is seen by every caller. */
  FilePlan plan() {
    return plan;
  }

  public List<FilePlanVersion.Summary> history() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  public FilePlanVersion version(int version) {
    return documents
        .read(key(version), FilePlanVersion.class)
        .orElseThrow(() -> RetentionProblem.notFound("No file-plan version " + version));
  }

  /**
   * Puts in force a newer version another node on the same store made; the versions are numbered
   * and never overwritten, so the highest stored is the one in force. Callers hold the change lock.
   */
  void reload() {
    List<String> keys = documents.versionKeys(FOLDER + "/").sorted().toList();
    if (keys.size() <= plan.version()) {
      return;
    }
    for (String key : keys.subList(plan.version(), keys.size())) {
      documents
          .read(key, FilePlanVersion.class)
          .ifPresent(
              newer -> {
                synchronized (history) {
                  history.add(newer.summary());
                }
                plan.adopt(newer.version(), newer.classes());
                log.info("File plan version {} in force, made on another node", newer.version());
              });
    }
  }

  /** Classes an edited file lengthened at this start: their store locks are extended once ready. */
  Set<String> lengthenedAtStart() {
    return Set.copyOf(lengthenedAtStart);
  }

  /** Stores the next version and puts it in force. Callers hold the change lock. */
  FilePlanVersion adopt(
      String user,
      String reason,
      String legalSource,
      List<String> changes,
      List<RecordClass> classes) {
    FilePlanVersion next =
        new FilePlanVersion(
            FilePlanVersion.SCHEMA_VERSION,
            plan.version() + 1,
            clock.instant(),
            user,
            reason,
            legalSource,
            changes,
            null,
            null,
            classes);
    store(next);
    plan.adopt(next.version(), next.classes());
    return next;
  }

  private FilePlanVersion first(FilePlan fromFile, String sha, Path file) {
    return new FilePlanVersion(
        FilePlanVersion.SCHEMA_VERSION,
        1,
        clock.instant(),
        FROM_FILE,
        "first version, read from " + file.getFileName(),
        null,
        List.of("the plan as read from " + file.getFileName()),
        sha,
        fromFile.classes(),
        fromFile.classes());
  }

  private FilePlanVersion fromEditedFile(
      FilePlanVersion current,
      List<RecordClass> lastFileClasses,
      FilePlan fromFile,
      String sha,
      Path file) {
    int next = current.version() + 1;
    Map<String, RecordClass> before = new LinkedHashMap<>();
    current.classes().forEach(c -> before.put(c.code(), c));
    Map<String, RecordClass> lastFile = new LinkedHashMap<>();
    lastFileClasses.forEach(c -> lastFile.put(c.code(), c));
    for (String code : lastFile.keySet()) {
      if (fromFile.find(code).isEmpty()) {
        throw new FilePlanInvalid(
            "File plan "
                + file
                + " no longer has class "
                + code
                + " of file-plan version "
                + current.version()
                + ": a class is never removed, records may be filed under it");
      }
    }
    Map<String, RecordClass> classes = new LinkedHashMap<>(before);
    List<String> changes = new ArrayList<>();
    Set<String> cited = new TreeSet<>();
    for (RecordClass asked : fromFile.classes()) {
      if (asked.equals(lastFile.get(asked.code()))) {
        continue;
      }
      RecordClass old = before.get(asked.code());
      Set<String> newSources = new TreeSet<>();
      asked.rules().stream().map(RetentionRule::legalSource).forEach(newSources::add);
      if (old != null) {
        old.rules().forEach(r -> newSources.remove(r.legalSource()));
      }
      FilePlanChangeRules.Judged judged;
      try {
        judged = FilePlanChangeRules.judge(old, asked, newSources, clock.instant(), next);
      } catch (RetentionProblem refused) {
        throw new FilePlanInvalid(
            "File plan " + file + " is refused as version " + next + ": " + refused.getMessage());
      }
      classes.put(asked.code(), judged.result());
      if (judged.change() != null) {
        changes.add(judged.change());
        cited.addAll(newSources);
      }
      if (judged.lengthens()) {
        lengthenedAtStart.add(asked.code());
      }
    }
    if (changes.isEmpty()) {
      changes.add("file edited without a change to any class");
    }
    FilePlanVersion edited =
        new FilePlanVersion(
            FilePlanVersion.SCHEMA_VERSION,
            next,
            clock.instant(),
            FROM_FILE,
            file.getFileName() + " edited",
            cited.isEmpty() ? null : String.join("; ", cited),
            changes,
            sha,
            fromFile.classes(),
            List.copyOf(classes.values()));
    log.info("File plan version {} read from the edited {}: {}", next, file, changes);
    return store(edited);
  }

  private FilePlanVersion store(FilePlanVersion version) {
    documents.append(FOLDER, version.version(), version);
    synchronized (history) {
      history.add(version.summary());
    }
    return version;
  }

  private static String key(int version) {
    return String.format("%s/%06d.json", FOLDER, version);
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
