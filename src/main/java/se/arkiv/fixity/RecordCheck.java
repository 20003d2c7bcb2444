package se.arkiv.fixity;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import se.arkiv.fixity.Finding.Kind;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.ObjectVersion;
import se.arkiv.storage.RecordLayout;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageUnavailable;
import tools.jackson.core.JacksonException;

/**
 * Checks one record: what the store holds below {@code records/<id>/} against what its latest
 * metadata declares, and re-derives text and preview when they are missing or damaged and the
 * original is verified. A store outage ({@link StorageUnavailable}) is thrown, never reported as a
 * finding: the run pauses and checks the record again.
 */
@Component
class RecordCheck {

  private final RecordStore records;
  private final DerivedObjectCheck derivedObjects;
  private final Clock clock;

  RecordCheck(RecordStore records, DerivedObjects derived, Clock clock) {
    this.records = records;
    this.derivedObjects = new DerivedObjectCheck(records, derived, clock);
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
    String textKey = RecordLayout.text(id);
    String previewKey = RecordLayout.preview(id);
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
              RecordLayout.metadataFolder(id),
              Kind.METADATA_GAP,
              "no metadata version: a filing that failed before its metadata was stored, or"
                  + " every version deleted"));
      return new Checked(0, findings);
    }
    RecordMetadata record;
    try {
      // The highest version a plain listing shows is the current one, as for every reader.
      record = records.version(id, numbers.last());
    } catch (UncheckedIOException | IllegalStateException | JacksonException e) {
      findings.add(
          finding(
              runId,
              id,
              RecordLayout.metadataVersion(id, numbers.last()),
              Kind.METADATA_GAP,
              "the latest metadata version cannot be read: " + e.getMessage()));
      return new Checked(0, findings);
    }
    metadataGaps(runId, id, numbers, findings);

    String originalKey = RecordLayout.original(id);
    boolean present = originalPresent(runId, record, byKey.get(originalKey), findings);
    long bytes = 0;
    boolean verified = false;
    if (present) {
      try {
        StreamHash.Hashed hashed = StreamHash.of(records.openOriginal(record));
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
    derivedObjects.check(runId, record, byKey, verified, findings);
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
          int number = RecordLayout.metadataVersionOf(key);
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
              RecordLayout.metadataVersion(id, missing.get(0)),
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
    String key = RecordLayout.original(record.id());
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

  private Finding finding(String runId, RecordId id, String key, Kind kind, String detail) {
    return new Finding(runId, id.value(), key, kind, detail, clock.instant());
  }
}
