package se.arkiv.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.IndexSizeProbe;

/**
 * Where the index's bytes go, per field and per file extension, for the records of the search
 * latency part (the same generator and seed). Run with {@code exec:java
 * -Dexec.mainClass=se.arkiv.benchmark.IndexSizeBenchmark -Dexec.args="RECORDS OUT.md"}.
 */
final class IndexSizeBenchmark {

  private IndexSizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark/index-sizes.md");
    Corpus corpus = new Corpus(20250101L);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Instant latest = Instant.now().minusSeconds(3600);
    List<IndexSizeProbe.Input> inputs = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      Corpus.Content content = corpus.content(SearchLatencyBenchmark.OFFSET + i, 150, 600);
      RecordMetadata extracted = SearchLatencyBenchmark.versions(i, content, latest, sha256)[1];
      inputs.add(new IndexSizeProbe.Input(extracted, content.text()));
    }
    Path work = Files.createTempDirectory("arkiv-index-sizes-");
    try {
      String report = new IndexSizeProbe(inputs, work).report();
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report);
      System.out.println(report);
    } finally {
      ArkivBenchmark.delete(work);
    }
  }
}
