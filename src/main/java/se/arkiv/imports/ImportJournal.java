package se.arkiv.imports;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.ObjectStore;

/**
 * Imports as the object store keeps them, under {@code imports/<id>/}: the import's versions
 * ({@code 000001.json}, ...), the copy of its manifest ({@code manifest.csv} or {@code
 * manifest.json}), and its journal: {@code journal/000001.json}, ... each a segment of line
 * outcomes written once. A resumed import skips every line a segment holds.
 */
@Component
class ImportJournal {

  static final String IMPORTS = "imports/";

  /**
   * One journal segment as stored.
   *
   * @param unjournaledSince no record filed by the import before this time lacks an outcome in this
   *     segment or an earlier one: where a resume looks for lines filed but not journaled
   */
  record Segment(Instant unjournaledSince, List<LineOutcome> outcomes) {}

  private final JsonDocuments documents;
  private final ObjectStore objects;
  private final Map<String, Import> imports = new ConcurrentHashMap<>();
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();

  ImportJournal(JsonDocuments documents, ObjectStore objects) {
    this.documents = documents;
    this.objects = objects;
    documents
        .folders(IMPORTS)
        .forEach(
            id ->
                documents
                    .latest(IMPORTS + id, Import.class)
                    .ifPresent(
                        found -> {
                          imports.put(id, found);
                          versions.put(id, found.state() == Import.State.FINISHED ? 2 : 1);
                        }));
  }

  /** Keeps the manifest as given, before the import is announced; its key. */
  String keepManifest(String id, Path manifest) {
    String key =
        IMPORTS
            + id
            + "/manifest"
            + (ManifestReader.isJson(manifest.toString()) ? ".json" : ".csv");
    objects.create(key, manifest);
    return key;
  }

  InputStream manifest(Import imported) {
    return objects.get(imported.manifestKey());
  }

  synchronized void save(Import imported) {
    int version = versions.merge(imported.id(), 1, Integer::sum);
    documents.append(IMPORTS + imported.id(), version, imported);
    imports.put(imported.id(), imported);
  }

  Optional<Import> find(String id) {
    return Optional.ofNullable(imports.get(id));
  }

  /** Every import, oldest first. */
  List<Import> all() {
    return imports.values().stream().sorted(Comparator.comparing(Import::id)).toList();
  }

  /** Writes segment {@code number} of an import's journal. */
  void writeSegment(String id, int number, Instant unjournaledSince, List<LineOutcome> outcomes) {
    documents.createOrKeep(
        IMPORTS + id + "/journal/" + String.format("%06d", number) + ".json",
        new Segment(unjournaledSince, List.copyOf(outcomes)));
  }

  /** The {@code unjournaledSince} of the last segment, if there is one. */
  Optional<Instant> unjournaledSince(String id) {
    List<String> keys = documents.keys(IMPORTS + id + "/journal/");
    return keys.isEmpty()
        ? Optional.empty()
        : documents.read(keys.get(keys.size() - 1), Segment.class).map(Segment::unjournaledSince);
  }

  /** Every outcome journaled so far, segment by segment; the number of segments. */
  int outcomes(String id, Consumer<LineOutcome> each) {
    List<String> keys = documents.keys(IMPORTS + id + "/journal/");
    for (String key : keys) {
      documents.read(key, Segment.class).ifPresent(s -> s.outcomes().forEach(each));
    }
    return keys.size();
  }
}
