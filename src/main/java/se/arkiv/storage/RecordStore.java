package se.arkiv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import se.arkiv.record.Attachment;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.record.RecordVersionStored;

/**
 * Records in the object store: the one entry point other modules use. Where each object lives is
 * {@link RecordLayout}'s; metadata versions are {@link MetadataVersions}, the duplicate index is
 * {@link DuplicateIndex}; this class adds what a record's objects need together (events, locks,
 * destruction in a safe order).
 *
 * <p>Just over 300 lines since it also answers the store's lock of a record ({@link
 * #retainedUntil}), which file-plan decisions compare with the rules; the lock calls sit together
 * here because every one of them walks the record's objects as its layout names them.
 */
@Component
public class RecordStore {

  private final ObjectStore objects;
  private final ApplicationEventPublisher events;
  private final MetadataVersions metadata;
  private final DuplicateIndex duplicates;

  RecordStore(ObjectStore objects, ApplicationEventPublisher events) {
    this.objects = objects;
    this.events = events;
    this.metadata = new MetadataVersions(new JsonDocuments(objects));
    this.duplicates = new DuplicateIndex(objects, metadata);
  }

  /** Stores the original; the answer carries the store's version id, to keep in metadata. */
  public ObjectInfo storeOriginal(RecordId id, Path content) {
    return objects.create(RecordLayout.original(id), content);
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
    this.metadata.store(metadata);
    return metadata;
  }

  /** Tells the rest of the service (index, store locks) about a version already stored. */
  public void announce(RecordMetadata metadata, String text) {
    events.publishEvent(new RecordVersionStored(metadata, text));
  }

  /** The current (highest) metadata version of a record, if the record exists. */
  public Optional<RecordMetadata> latest(RecordId id) {
    return metadata.latest(id);
  }

  /** The number of the record's latest metadata version, without reading it; 0 when none. */
  public int latestVersionNumber(RecordId id) {
    return metadata.latestNumber(id);
  }

  /** One metadata version by its number; {@link ObjectMissing} when it is not there. */
  public RecordMetadata version(RecordId id, int version) {
    return metadata.version(id, version);
  }

  public RecordMetadata require(RecordId id) {
    return latest(id).orElseThrow(() -> new RecordNotFound(id.value()));
  }

  /** Every metadata version of a record, oldest first. */
  public List<RecordMetadata> versions(RecordId id) {
    return metadata.all(id);
  }

  /** Every record id in the store, oldest first (ids are time-ordered). */
  public Stream<RecordId> recordIds() {
    return objects
        .list(RecordLayout.RECORDS)
        .flatMap(key -> RecordLayout.recordOfFolder(key).stream());
  }

  /**
   * Every record's latest metadata, oldest first, read as the stream is walked (one record at a
   * time, whatever the store's size); a record destroyed meanwhile is left out.
   */
  public Stream<RecordMetadata> latestRecords() {
    return recordIds().flatMap(id -> latest(id).stream());
  }

  public boolean hasOriginal(RecordId id) {
    return objects.stat(RecordLayout.original(id)).isPresent();
  }

  /** The original, in the exact version recorded in its metadata. */
  public InputStream openOriginal(RecordMetadata record) {
    return objects.get(RecordLayout.original(record.id()), record.originalVersionId());
  }

  public InputStream openOriginal(RecordMetadata record, long offset, long length) {
    return objects.getRange(
        RecordLayout.original(record.id()), record.originalVersionId(), offset, length);
  }

  /**
   * Best-effort removal of the original of a filing that failed before its metadata was stored: it
   * was never acknowledged. If the store is down, the orphan stays and is never listed as a record
   * (it has no metadata).
   */
  public void discardUnacknowledged(RecordId id) {
    try {
      objects.delete(RecordLayout.original(id));
    } catch (RuntimeException e) {
      // the store is unreachable; the orphan original is harmless
    }
  }

  public void writeText(RecordId id, String text) {
    objects.replace(RecordLayout.text(id), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps an e-mail attachment as {@code records/<id>/attachments/<index>}. */
  public Attachment writeAttachment(
      RecordId id, int index, String fileName, String mediaType, Path file) {
    String key = RecordLayout.attachment(id, index);
    // Extracted again after a crash: the same original gives the same attachment, already kept.
    ObjectInfo info = objects.stat(key).orElseGet(() -> objects.create(key, file));
    return new Attachment(index, fileName, mediaType, info.size(), sha256(file));
  }

  public InputStream openAttachment(RecordId id, int index) {
    return objects.get(RecordLayout.attachment(id, index));
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash " + file, e);
    }
  }

  /** The first-page thumbnail (derived; made again when missing). */
  public void writePreview(RecordId id, byte[] png) {
    objects.replace(RecordLayout.preview(id), png);
  }

  public Optional<InputStream> openPreview(RecordId id) {
    String key = RecordLayout.preview(id);
    return objects.stat(key).isPresent() ? Optional.of(objects.get(key)) : Optional.empty();
  }

  /** The PDF/A archival copy (derived; made again when missing). */
  public void writeArchival(RecordId id, byte[] pdf) {
    objects.replace(RecordLayout.archival(id), pdf);
  }

  /** The archival copy and its size, or empty when the store has none. */
  public Optional<StoredCopy> openArchival(RecordId id) {
    String key = RecordLayout.archival(id);
    return objects.stat(key).map(info -> new StoredCopy(info.size(), objects.get(key)));
  }

  /** A derived object being read: its size (for Content-Length) and its bytes. */
  public record StoredCopy(long size, InputStream content) {}

  public Optional<String> readText(RecordId id) {
    // One request, not a HEAD and a GET: fixity reads every record's text.
    try (InputStream in = objects.get(RecordLayout.text(id))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ObjectMissing e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record already filed with these bytes, class and business keys, if it still exists. */
  public Optional<RecordMetadata> findDuplicate(
      String sha256, String recordClass, String department, BusinessKeys keys) {
    return duplicates.find(sha256, recordClass, department, keys);
  }

  /** Marks a record as the holder of its bytes, class and keys, for {@link #findDuplicate}. */
  public void registerDuplicateKey(RecordMetadata record) {
    duplicates.register(record);
  }

  /**
   * Deletes every object of a record: derived objects and the original first, then its duplicate
   * key, the metadata versions last, so a destruction refused half-way still lists the record and
   * the next run finishes it. Throws when the store refuses any delete; returns once every deletion
   * is durable (flushed together, {@link ObjectStore#deleteAll}).
   */
  public void destroy(RecordMetadata record) {
    List<String> keys = objectKeys(record.id());
    List<String> versions =
        keys.stream().filter(k -> RecordLayout.metadataVersionOf(k) > 0).sorted().toList();
    List<String> inOrder = new ArrayList<>(keys);
    inOrder.removeAll(versions);
    inOrder.add(DuplicateIndex.keyOf(record));
    // Oldest version first: if this is cut short, what is left is still the record's latest
    // state, which the resumed run re-checks and destroys.
    inOrder.addAll(versions);
    objects.deleteAll(inOrder);
  }

  /**
   * Deletes whatever objects are left of a record whose metadata is gone already: a crash can make
   * a few deletions of {@link #destroy} durable and not others (the filesystem flushes them
   * together at the end), so a record without metadata may still have its original.
   */
  public void destroyRemains(RecordId id) {
    objects.deleteAll(objectKeys(id));
  }

  /**
   * Keeps every object of the record until at least {@code until} (never shortening a longer lock:
   * those objects keep theirs).
   */
  public void retainUntil(RecordId id, Instant until) {
    for (String key : objectKeys(id)) {
      Optional<Instant> current = objects.retainedUntil(key);
      if (current.isEmpty() || current.get().isBefore(until)) {
        objects.extendRetention(key, until);
      }
    }
  }

  /** How long the store locks the record's original; empty when the store sets no lock. */
  public Optional<Instant> retainedUntil(RecordId id) {
    return objects.retainedUntil(RecordLayout.original(id));
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
    List<String> keys = new ArrayList<>();
    collect(RecordLayout.folder(id), keys);
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

  /**
   * Every object version below {@code records/<id>/}, delete markers included, as the store lists
   * them; for fixity, which compares them with what the metadata declares.
   */
  public List<ObjectVersion> storedVersions(RecordId id) {
    return objects.versions(RecordLayout.folder(id));
  }
}
