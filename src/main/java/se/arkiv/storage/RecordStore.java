package se.arkiv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import se.arkiv.record.InvalidRecordId;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.record.RecordVersionStored;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records in the object store, in the layout of {@code docs/storage-layout.md}:
 *
 * <pre>
 * records/&lt;id&gt;/original          the filed bytes, never rewritten
 * records/&lt;id&gt;/meta/000001.json  metadata versions, append-only; the highest is current
 * records/&lt;id&gt;/text.txt          extracted text (derived)
 * dedup/&lt;key&gt;                    the record id that holds a given content, class and keys
 * </pre>
 *
 * <p>Why it is over 300 lines: it is the one place that knows the layout above, with a short method
 * per object a record has; splitting it would spread the layout over several classes.
 */
@Component
public class RecordStore {

  private static final String RECORDS = "records/";
  private static final Pattern VERSION_FILE = Pattern.compile(".*/meta/(\\d{6})\\.json");

  private final ObjectStore objects;
  private final ApplicationEventPublisher events;
  private final JsonMapper json =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  RecordStore(ObjectStore objects, ApplicationEventPublisher events) {
    this.objects = objects;
    this.events = events;
  }

  /** Stores the original; the answer carries the store's version id, to keep in metadata. */
  public ObjectInfo storeOriginal(RecordId id, Path content) {
    return objects.create(originalKey(id), content);
  }

  /**
   * Stores the metadata version {@code metadata.version()}, which must not exist yet, and tells the
   * rest of the service about it.
   */
  public RecordMetadata appendVersion(RecordMetadata metadata) {
    return appendVersion(metadata, null);
  }

  /**
   * As {@link #appendVersion(RecordMetadata)}, handing on the extracted text the version names
   * (already written with {@link #writeText}), so the index takes it as it is instead of reading it
   * back from the store.
   */
  public RecordMetadata appendVersion(RecordMetadata metadata, String text) {
    storeVersion(metadata);
    announce(metadata, text);
    return metadata;
  }

  /**
   * Stores a metadata version without telling anyone yet: for a writer that holds a lock while it
   * stores (filing, under its duplicate lock) and must not make everyone else wait for the index;
   * it calls {@link #announce} once it let go. Should it never do so (a crash), the index catch-up
   * finds the version at the next start.
   */
  public RecordMetadata storeVersion(RecordMetadata metadata) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(metadata);
    } catch (JacksonException e) {
      throw new IllegalStateException("Cannot serialise metadata of " + metadata.id(), e);
    }
    objects.create(versionKey(metadata.id(), metadata.version()), bytes);
    return metadata;
  }

  /** Tells the rest of the service (index, store locks) about a version already stored. */
  public void announce(RecordMetadata metadata, String text) {
    events.publishEvent(new RecordVersionStored(metadata, text));
  }

  /** The current (highest) metadata version of a record, if the record exists. */
  public Optional<RecordMetadata> latest(RecordId id) {
    Optional<String> key =
        objects
            .list(RECORDS + id + "/meta/")
            .filter(k -> VERSION_FILE.matcher(k).matches())
            .max(Comparator.naturalOrder());
    return key.map(this::readMetadata);
  }

  /** One metadata version by its number; {@link ObjectMissing} when it is not there. */
  public RecordMetadata version(RecordId id, int version) {
    return readMetadata(versionKey(id, version));
  }

  public RecordMetadata require(RecordId id) {
    return latest(id).orElseThrow(() -> new RecordNotFound(id.value()));
  }

  /** Every metadata version of a record, oldest first. */
  public List<RecordMetadata> versions(RecordId id) {
    return objects
        .list(RECORDS + id + "/meta/")
        .filter(k -> VERSION_FILE.matcher(k).matches())
        .map(this::readMetadata)
        .toList();
  }

  /** Every record id in the store, oldest first (ids are time-ordered). */
  public Stream<RecordId> recordIds() {
    return objects
        .list(RECORDS)
        .filter(key -> key.endsWith("/"))
        .map(key -> key.substring(RECORDS.length(), key.length() - 1))
        .flatMap(RecordStore::parseId);
  }

  public boolean hasOriginal(RecordId id) {
    return objects.stat(originalKey(id)).isPresent();
  }

  /** The original, in the exact version recorded in its metadata. */
  public InputStream openOriginal(RecordMetadata record) {
    return objects.get(originalKey(record.id()), record.originalVersionId());
  }

  public InputStream openOriginal(RecordMetadata record, long offset, long length) {
    return objects.getRange(originalKey(record.id()), record.originalVersionId(), offset, length);
  }

  /**
   * Best-effort removal of the original of a filing that failed before its metadata was stored: it
   * was never acknowledged. If the store is down, the orphan stays and is never listed as a record
   * (it has no metadata).
   */
  public void discardUnacknowledged(RecordId id) {
    try {
      objects.delete(originalKey(id));
    } catch (RuntimeException e) {
      // the store is unreachable; the orphan original is harmless
    }
  }

  public void writeText(RecordId id, String text) {
    objects.replace(textKey(id), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps an e-mail attachment as {@code records/<id>/attachments/<index>}. */
  public se.arkiv.record.Attachment writeAttachment(
      RecordId id, int index, String fileName, String mediaType, Path file) {
    String key = RECORDS + id + "/attachments/" + index;
    // Extracted again after a crash: the same original gives the same attachment, already kept.
    ObjectInfo info = objects.stat(key).orElseGet(() -> objects.create(key, file));
    return new se.arkiv.record.Attachment(index, fileName, mediaType, info.size(), sha256(file));
  }

  public InputStream openAttachment(RecordId id, int index) {
    return objects.get(RECORDS + id + "/attachments/" + index);
  }

  private static String sha256(Path file) {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash " + file, e);
    }
  }

  /** The first-page thumbnail (derived; made again when missing). */
  public void writePreview(RecordId id, byte[] png) {
    objects.replace(RECORDS + id + "/preview.png", png);
  }

  public Optional<InputStream> openPreview(RecordId id) {
    String key = RECORDS + id + "/preview.png";
    return objects.stat(key).isPresent() ? Optional.of(objects.get(key)) : Optional.empty();
  }

  public Optional<String> readText(RecordId id) {
    // One request, not a HEAD and a GET: fixity reads every record's text.
    try (InputStream in = objects.get(textKey(id))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ObjectMissing e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record already filed with these bytes, class and business keys, if it still exists. */
  public Optional<RecordMetadata> findDuplicate(
      String sha256, String recordClass, String department, se.arkiv.record.BusinessKeys keys) {
    String key = "dedup/" + DedupKeys.of(sha256, recordClass, department, keys);
    if (objects.stat(key).isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = objects.get(key)) {
      // A key may be stale (the record was corrected since): it counts only while the record
      // still has exactly this identity.
      return parseId(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip())
          .findFirst()
          .flatMap(this::latest)
          .filter(
              r ->
                  r.sha256().equals(sha256)
                      && r.recordClass().equals(recordClass)
                      && java.util.Objects.equals(r.department(), department)
                      && r.keys().equals(keys == null ? se.arkiv.record.BusinessKeys.NONE : keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks a record as the holder of its bytes, class and keys, for {@link #findDuplicate}. */
  public void registerDuplicateKey(RecordMetadata record) {
    String key =
        "dedup/"
            + DedupKeys.of(
                record.sha256(), record.recordClass(), record.department(), record.keys());
    // A key left by a destroyed record, or by a crash before its record was stored, is stale.
    objects.delete(key);
    objects.create(key, record.id().value().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Deletes every object of a record: derived objects and the original first, the metadata versions
   * last, so a destruction that stops half-way still lists the record and the next run finishes it.
   * Throws when the store refuses any delete.
   */
  public void destroy(RecordMetadata record) {
    List<String> keys = new java.util.ArrayList<>();
    collect(RECORDS + record.id() + "/", keys);
    List<String> metadata =
        new java.util.ArrayList<>(
            keys.stream().filter(k -> VERSION_FILE.matcher(k).matches()).toList());
    for (String key : keys) {
      if (!metadata.contains(key)) {
        objects.delete(key);
      }
    }
    objects.delete(
        "dedup/"
            + DedupKeys.of(
                record.sha256(), record.recordClass(), record.department(), record.keys()));
    // Oldest version first: if this is cut short, what is left is still the record's latest
    // state, which the resumed run re-checks and destroys.
    java.util.Collections.sort(metadata);
    for (String key : metadata) {
      objects.delete(key);
    }
  }

  /**
   * Keeps every object of the record until at least {@code until} (never shortening a longer lock:
   * those objects keep theirs).
   */
  public void retainUntil(RecordId id, java.time.Instant until) {
    for (String key : objectKeys(id)) {
      java.util.Optional<java.time.Instant> current = objects.retainedUntil(key);
      if (current.isEmpty() || current.get().isBefore(until)) {
        objects.extendRetention(key, until);
      }
    }
  }

  /** Sets or clears the store's legal hold on every object of the record. */
  public void legalHold(RecordId id, boolean on) {
    for (String key : objectKeys(id)) {
      if (objects.underLegalHold(key) != on) {
        objects.legalHold(key, on);
      }
    }
  }

  private List<String> objectKeys(RecordId id) {
    List<String> keys = new java.util.ArrayList<>();
    collect(RECORDS + id + "/", keys);
    return keys;
  }

  private void collect(String prefix, List<String> keys) {
    objects
        .list(prefix)
        .forEach(
            key -> {
              if (key.endsWith("/")) {
                collect(key, keys);
              } else {
                keys.add(key);
              }
            });
  }

  /** Where the store lives, for logs and health. */
  public String describe() {
    return objects.describe();
  }

  private RecordMetadata readMetadata(String key) {
    try (InputStream in = objects.get(key)) {
      RecordMetadata metadata = json.readValue(in, RecordMetadata.class);
      Matcher matcher = VERSION_FILE.matcher(key);
      if (matcher.matches() && Integer.parseInt(matcher.group(1)) != metadata.version()) {
        throw new IllegalStateException(key + " holds version " + metadata.version());
      }
      return metadata;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<RecordId> parseId(String text) {
    try {
      return Stream.of(RecordId.of(text));
    } catch (InvalidRecordId e) {
      return Stream.empty();
    }
  }

  /**
   * Every object version below {@code records/<id>/}, delete markers included, as the store lists
   * them; for fixity, which compares them with what the metadata declares.
   */
  public List<ObjectVersion> storedVersions(RecordId id) {
    return objects.versions(RECORDS + id + "/");
  }

  public static String originalKey(RecordId id) {
    return RECORDS + id + "/original";
  }

  public static String textKey(RecordId id) {
    return RECORDS + id + "/text.txt";
  }

  public static String previewKey(RecordId id) {
    return RECORDS + id + "/preview.png";
  }

  public static String attachmentKey(RecordId id, int index) {
    return RECORDS + id + "/attachments/" + index;
  }

  /** The metadata version a key holds by its name ({@code .../meta/000003.json} is 3), or 0. */
  public static int metadataVersionOf(String key) {
    Matcher matcher = VERSION_FILE.matcher(key);
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  public static String versionKey(RecordId id, int version) {
    return RECORDS + id + "/meta/" + String.format("%06d", version) + ".json";
  }
}
