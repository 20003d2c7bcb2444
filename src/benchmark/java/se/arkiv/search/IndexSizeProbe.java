package se.arkiv.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import se.arkiv.record.RecordMetadata;

/**
 * Where the index's bytes go: the same records indexed as {@link RecordDocuments} makes them, then
 * again with one field left out at a time (the difference is that field's cost), and with a few
 * candidate changes; with the index's own codec ({@link LuceneIndex#CODEC}). Each index is merged
 * into one segment so that sizes compare. Run from {@code se.arkiv.benchmark.IndexSizeBenchmark};
 * test code only.
 */
public final class IndexSizeProbe {

  /** One record to index: its current metadata and text. */
  public record Input(RecordMetadata metadata, String text) {}

  private final List<Input> inputs;
  private final Path work;
  private final Analyzer analyzer = Analyzers.perField(Path.of("index"));

  public IndexSizeProbe(List<Input> inputs, Path work) {
    this.inputs = inputs;
    this.work = work;
  }

  /** The report as Markdown: sizes by file extension, by field, and of the candidate changes. */
  public String report() throws IOException {
    StringBuilder report = new StringBuilder();
    int n = inputs.size();
    Map<String, Long> full = build("full", UnaryOperator.identity(), false);
    long total = full.values().stream().mapToLong(Long::longValue).sum();
    report.append(
        String.format(
            Locale.ROOT,
            "%,d records, one segment: %,.0f bytes per record.%n%n| file extension | bytes per"
                + " record |%n| --- | ---: |%n",
            n,
            total / (double) n));
    full.forEach(
        (extension, bytes) ->
            report.append(
                String.format(Locale.ROOT, "| %s | %,.0f |%n", extension, bytes / (double) n)));
    report.append("\n| field left out | bytes per record it costs |\n| --- | ---: |\n");
    for (String field : fieldNames()) {
      long without = sum(build("without-" + field, drop(field), false));
      report.append(
          String.format(Locale.ROOT, "| %s | %,.0f |%n", field, (total - without) / (double) n));
    }
    report.append("\n| the same with | bytes per record | difference |\n| --- | ---: | ---: |\n");
    Map<String, UnaryOperator<Document>> candidates = new LinkedHashMap<>();
    Set<String> stemmedText = Set.of(IndexFields.TEXT_SV, IndexFields.TEXT_EN);
    candidates.put(
        "text_sv, text_en with positions",
        withOptions(stemmedText, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS));
    candidates.put(
        "text_sv, text_en with positions and offsets",
        withOptions(stemmedText, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS));
    candidates.put(
        "text_exact without offsets",
        withOptions(Set.of(IndexFields.TEXT_EXACT), IndexOptions.DOCS_AND_FREQS_AND_POSITIONS));
    candidates.put(
        "title_sv, title_en with positions",
        withOptions(
            Set.of(IndexFields.TITLE_SV, IndexFields.TITLE_EN),
            IndexOptions.DOCS_AND_FREQS_AND_POSITIONS));
    for (Map.Entry<String, UnaryOperator<Document>> candidate : candidates.entrySet()) {
      long bytes = sum(build(candidate.getKey(), candidate.getValue(), false));
      report.append(row(candidate.getKey(), bytes, total));
    }
    long fast = sum(build("best-speed", UnaryOperator.identity(), true));
    report.append(row("stored fields with BEST_SPEED (LZ4)", fast, total));
    return report.toString();
  }

  private String row(String label, long bytes, long total) {
    int n = inputs.size();
    return String.format(
        Locale.ROOT,
        "| %s | %,.0f | %+,.0f |%n",
        label,
        bytes / (double) n,
        (bytes - total) / (double) n);
  }

  private Set<String> fieldNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Input input : inputs.subList(0, Math.min(100, inputs.size()))) {
      for (IndexableField field : RecordDocuments.of(input.metadata(), input.text())) {
        names.add(field.name());
      }
    }
    return names;
  }

  private static UnaryOperator<Document> drop(String name) {
    return doc -> {
      doc.removeFields(name);
      return doc;
    };
  }

  /** The named text fields again with other index options, otherwise as they were. */
  private static UnaryOperator<Document> withOptions(Set<String> names, IndexOptions options) {
    return doc -> {
      Document changed = new Document();
      for (IndexableField field : doc) {
        if (names.contains(field.name())
            && field.fieldType().indexOptions() != IndexOptions.NONE
            && field.stringValue() != null) {
          FieldType type = new FieldType(field.fieldType());
          type.setIndexOptions(options);
          type.freeze();
          changed.add(new Field(field.name(), field.stringValue(), type));
        } else {
          changed.add(field);
        }
      }
      return changed;
    };
  }

  private Map<String, Long> build(String name, UnaryOperator<Document> change, boolean bestSpeed)
      throws IOException {
    Path dir = work.resolve(name);
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setRAMBufferSizeMB(64)
            .setUseCompoundFile(false)
            .setCodec(
                bestSpeed ? new Lucene912Codec(Lucene912Codec.Mode.BEST_SPEED) : LuceneIndex.CODEC);
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (Input input : inputs) {
        writer.addDocument(change.apply(RecordDocuments.of(input.metadata(), input.text())));
      }
      writer.forceMerge(1);
      writer.commit();
    }
    Map<String, Long> sizes = bytesByExtension(dir);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(file);
      }
    }
    System.out.printf("Index size probe: %s: %,d bytes%n", name, sum(sizes));
    return sizes;
  }

  private static Map<String, Long> bytesByExtension(Path dir) throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.equals("write.lock") || name.startsWith("segments")) {
          continue;
        }
        bytes.merge(name.substring(name.lastIndexOf('.')), Files.size(file), Long::sum);
      }
    }
    return bytes;
  }

  private static long sum(Map<String, Long> sizes) {
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }
}
