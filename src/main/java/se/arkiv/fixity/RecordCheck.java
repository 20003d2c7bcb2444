package se.arkiv.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import se.arkiv.fixity.Finding.Kind;
import se.arkiv.record.Attachment;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.ObjectVersion;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageUnavailable;

/**
 * Checks one record: what the store holds below {@code records/<id>/} against what its latest
 * metadata declares, and re-derives text and preview when they are missing or damaged and the
 * original is verified. A store outage ({@link StorageUnavailable}) is thrown, never reported as a
 * finding: the run pauses and checks the record again.
 */
@Component
class RecordCheck {

  private static final int BUFFER = 256 * 1024;
  // One read buffer per checker thread, not one per record.
  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[BUFFER]);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

  private final RecordStore records;
  private final DerivedObjects derived;
  private final Clock clock;

  RecordCheck(RecordStore records, DerivedObjects derived, Clock clock) {
    this.records = records;
    this.derived = derived;
    this.clock = clock;
  }

  /** What checking one record found, and how many bytes of its original were hashed. */
  record Checked(long bytes, List<Finding> findings) {}

  Checked check(String runId, RecordId id) {
    Checked checked = checkOnce(runId, id);
    if (!checked.findings().isEmpty() && records.storedVersions(id).isEmpty()) {
      // Destroyed by disposition while it was checked: every version is gone, nothing is wrong.
      return new Checked(checked.bytes(), List.of());
    }
    return checked;
  }

  private Checked checkOnce(String runId, RecordId id) {
    List<Finding> findings = new ArrayList<>();
    Map<String, List<ObjectVersion>> byKey =
        records.storedVersions(id).stream()
            .collect(Collectors.groupingBy(ObjectVersion::key, TreeMap::new, Collectors.toList()));
    String textKey = RecordStore.textKey(id);
    String previewKey = RecordStore.previewKey(id);
    byKey.forEach(
        (key, versions) -> {
          // Text and preview are replaced when made again, so their history is no evidence.
          if (!key.equals(textKey) && !key.equals(previewKey)) {
            writeOnce(runId, id, key, versions, findings);
          }
        });

    TreeSet<Integer> numbers = metadataNumbers(byKey);
    if (numbers.isEmpty()) {
      findings.add(
          finding(
              runId,
              id,
              "records/" + id + "/meta/",
              Kind.METADATA_GAP,
              "no metadata version: a filing that failed before its metadata was stored, or"
                  + " every version deleted"));
      return new Checked(0, findings);
    }
    RecordMetadata record;
    try {
      // The highest version a plain listing shows is the current one, as for every reader.
      record = records.version(id, numbers.last());
    } catch (UncheckedIOException | IllegalStateException | tools.jackson.core.JacksonException e) {
      findings.add(
          finding(
              runId,
              id,
              RecordStore.versionKey(id, numbers.last()),
              Kind.METADATA_GAP,
              "the latest metadata version cannot be read: " + e.getMessage()));
      return new Checked(0, findings);
    }
    metadataGaps(runId, id, numbers, findings);

    String originalKey = RecordStore.originalKey(id);
    boolean present = originalPresent(runId, record, byKey.get(originalKey), findings);
    long bytes = 0;
    boolean verified = false;
    if (present) {
      try {
        Hashed hashed = hash(records.openOriginal(record));
        bytes = hashed.bytes();
        if (hashed.sha256().equals(record.sha256()) && hashed.bytes() == record.size()) {
          verified = true;
        } else {
          findings.add(
              finding(
                  runId,
                  id,
                  originalKey,
                  Kind.ORIGINAL_HASH_MISMATCH,
                  "SHA-256 of the stored original is "
                      + hashed.sha256()
                      + " ("
                      + hashed.bytes()
                      + " bytes); its metadata declares "
                      + record.sha256()
                      + " ("
                      + record.size()
                      + " bytes)"));
        }
      } catch (ObjectMissing e) {
        findings.add(
            finding(runId, id, originalKey, Kind.ORIGINAL_MISSING, "the original cannot be read"));
      }
    }
    derivedObjects(runId, record, byKey, verified, findings);
    return new Checked(bytes, findings);
  }

  /** Original, metadata versions and attachments are written once: one version, no marker. */
  private void writeOnce(
      String runId, RecordId id, String key, List<ObjectVersion> versions, List<Finding> out) {
    long markers = versions.stream().filter(ObjectVersion::deleteMarker).count();
    long kept = versions.size() - markers;
    if (markers > 0) {
      boolean hidden = versions.stream().anyMatch(v -> v.deleteMarker() && v.latest());
      out.add(
          finding(
              runId,
              id,
              key,
              Kind.DELETE_MARKER,
              markers
                  + " delete marker(s) on a key Arkiv writes once"
                  + (hidden ? "; a plain read finds nothing, Arkiv reads by version" : "")));
    }
    if (kept > 1) {
      out.add(
          finding(
              runId,
              id,
              key,
              Kind.EXTRA_VERSIONS,
              kept + " versions of a key Arkiv writes once: it was overwritten in the store"));
    }
  }

  /** The metadata versions a plain read finds (not hidden by a delete marker). */
  private static TreeSet<Integer> metadataNumbers(Map<String, List<ObjectVersion>> byKey) {
    TreeSet<Integer> present = new TreeSet<>();
    byKey.forEach(
        (key, versions) -> {
          int number = RecordStore.metadataVersionOf(key);
          if (number > 0 && versions.stream().anyMatch(v -> v.latest() && !v.deleteMarker())) {
            present.add(number);
          }
        });
    return present;
  }

  private void metadataGaps(
      String runId, RecordId id, TreeSet<Integer> present, List<Finding> out) {
    List<Integer> missing = new ArrayList<>();
    for (int n = 1; n < present.last(); n++) {
      if (!present.contains(n)) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      out.add(
          finding(
              runId,
              id,
              RecordStore.versionKey(id, missing.get(0)),
              Kind.METADATA_GAP,
              "metadata version(s) "
                  + missing
                  + " of 1.."
                  + present.last()
                  + " missing: the record's history has a hole"));
    }
  }

  /** Whether the declared version of the original is there to hash; findings when it is not. */
  private boolean originalPresent(
      String runId, RecordMetadata record, List<ObjectVersion> versions, List<Finding> out) {
    String key = RecordStore.originalKey(record.id());
    List<ObjectVersion> all = versions == null ? List.of() : versions;
    String declared = record.originalVersionId();
    if (declared == null) {
      boolean current = all.stream().anyMatch(v -> v.latest() && !v.deleteMarker());
      if (!current) {
        out.add(
            finding(runId, record.id(), key, Kind.ORIGINAL_MISSING, "no original in the store"));
      }
      return current;
    }
    Optional<ObjectVersion> mine =
        all.stream().filter(v -> !v.deleteMarker() && declared.equals(v.versionId())).findFirst();
    if (mine.isEmpty()) {
      out.add(
          finding(
              runId,
              record.id(),
              key,
              Kind.ORIGINAL_MISSING,
              "the declared version " + declared + " is not in the store"));
      return false;
    }
    if (!mine.get().latest()) {
      String latest =
          all.stream()
              .filter(ObjectVersion::latest)
              .findFirst()
              .map(v -> v.deleteMarker() ? "a delete marker" : "version " + v.versionId())
              .orElse("nothing");
      out.add(
          finding(
              runId,
              record.id(),
              key,
              Kind.VERSION_NOT_CURRENT,
              "the declared version "
                  + declared
                  + " is kept, but a plain read gets "
                  + latest
                  + "; Arkiv keeps serving the declared version"));
    }
    return true;
  }

  private void derivedObjects(
      String runId,
      RecordMetadata record,
      Map<String, List<ObjectVersion>> byKey,
      boolean verified,
      List<Finding> out) {
    RecordId id = record.id();
    if (record.extraction() == null || record.extraction().status() == ExtractionStatus.PENDING) {
      // Extraction writes text before the metadata that announces it; nothing to expect yet.
      return;
    }
    String textProblem = null;
    if (record.extraction().status() == ExtractionStatus.DONE) {
      Optional<String> text = records.readText(id);
      if (text.isEmpty()) {
        textProblem = "missing";
      } else if (text.get().length() != record.extraction().characters()) {
        textProblem =
            "damaged: "
                + text.get().length()
                + " characters where the metadata records "
                + record.extraction().characters();
      }
    }
    String previewProblem = null;
    if (hasPreview(record.mediaType())) {
      Optional<InputStream> preview = records.openPreview(id);
      if (preview.isEmpty()) {
        previewProblem = "missing";
      } else if (!isWholePng(preview.get())) {
        previewProblem = "damaged: not a whole PNG";
      }
    }
    for (Attachment attachment : record.extraction().attachments()) {
      attachment(runId, id, attachment, byKey, out);
    }
    if (textProblem == null && previewProblem == null) {
      return;
    }
    if (!verified) {
      if (textProblem != null) {
        out.add(
            unrepaired(runId, id, RecordStore.textKey(id), textProblem, "original not verified"));
      }
      if (previewProblem != null) {
        out.add(
            unrepaired(
                runId, id, RecordStore.previewKey(id), previewProblem, "original not verified"));
      }
      return;
    }
    DerivedObjects.Remade remade;
    try {
      remade = derived.remake(record, textProblem != null, previewProblem != null);
    } catch (DerivedObjects.OriginalNotVerified e) {
      if (textProblem != null) {
        out.add(unrepaired(runId, id, RecordStore.textKey(id), textProblem, e.getMessage()));
      }
      if (previewProblem != null) {
        out.add(unrepaired(runId, id, RecordStore.previewKey(id), previewProblem, e.getMessage()));
      }
      return;
    }
    if (textProblem != null) {
      String text = remade.text().orElse("");
      if (text.length() == record.extraction().characters()) {
        records.writeText(id, text);
        out.add(
            finding(
                runId,
                id,
                RecordStore.textKey(id),
                Kind.DERIVED_REPAIRED,
                "extracted text was "
                    + textProblem
                    + "; re-derived from the verified original ("
                    + text.length()
                    + " characters)"));
      } else {
        out.add(
            unrepaired(
                runId,
                id,
                RecordStore.textKey(id),
                textProblem,
                "extraction now gives "
                    + text.length()
                    + " characters, not the "
                    + record.extraction().characters()
                    + " its metadata records; left for a new extraction"));
      }
    }
    if (previewProblem != null) {
      if (remade.preview().isPresent()) {
        records.writePreview(id, remade.preview().get());
        out.add(
            finding(
                runId,
                id,
                RecordStore.previewKey(id),
                Kind.DERIVED_REPAIRED,
                "preview was " + previewProblem + "; re-derived from the verified original"));
      } else if (!previewProblem.equals("missing")) {
        out.add(
            unrepaired(
                runId, id, RecordStore.previewKey(id), previewProblem, "no preview can be made"));
      }
      // A missing preview that cannot be made is no finding: some PDFs and images have none.
    }
  }

  private void attachment(
      String runId,
      RecordId id,
      Attachment attachment,
      Map<String, List<ObjectVersion>> byKey,
      List<Finding> out) {
    String key = RecordStore.attachmentKey(id, attachment.index());
    boolean current =
        byKey.getOrDefault(key, List.of()).stream().anyMatch(v -> v.latest() && !v.deleteMarker());
    if (!current) {
      out.add(
          finding(
              runId,
              id,
              key,
              Kind.DERIVED_MISSING,
              "attachment " + attachment.index() + " (" + attachment.fileName() + ") is missing"));
      return;
    }
    Hashed hashed = hash(records.openAttachment(id, attachment.index()));
    if (!hashed.sha256().equals(attachment.sha256())) {
      out.add(
          finding(
              runId,
              id,
              key,
              Kind.DERIVED_CORRUPT,
              "attachment "
                  + attachment.index()
                  + " hashes to "
                  + hashed.sha256()
                  + ", its metadata declares "
                  + attachment.sha256()));
    }
  }

  private Finding unrepaired(
      String runId, RecordId id, String key, String problem, String whyNotRepaired) {
    Kind kind = problem.equals("missing") ? Kind.DERIVED_MISSING : Kind.DERIVED_CORRUPT;
    return finding(runId, id, key, kind, problem + "; not re-derived: " + whyNotRepaired);
  }

  private Finding finding(String runId, RecordId id, String key, Kind kind, String detail) {
    return new Finding(runId, id.value(), key, kind, detail, clock.instant());
  }

  private static boolean hasPreview(String mediaType) {
    return "application/pdf".equals(mediaType)
        || (mediaType != null && mediaType.startsWith("image/"));
  }

  private record Hashed(String sha256, long bytes) {}

  /** Streams the object through SHA-256 in large reads: the original is never whole in memory. */
  static Hashed hash(InputStream stream) {
    try (InputStream in = stream) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = BUFFERS.get();
      long bytes = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        bytes += n;
      }
      return new Hashed(HexFormat.of().formatHex(digest.digest()), bytes);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read an object to hash it: " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A thumbnail is small: it is whole when it starts and ends as every PNG does. */
  private static boolean isWholePng(InputStream stream) {
    try (InputStream in = stream) {
      byte[] png = in.readAllBytes();
      return png.length >= PNG_SIGNATURE.length + PNG_END.length
          && java.util.Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, 8)
          && java.util.Arrays.equals(png, png.length - PNG_END.length, png.length, PNG_END, 0, 8);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read a preview: " + e.getMessage(), e);
    }
  }
}
