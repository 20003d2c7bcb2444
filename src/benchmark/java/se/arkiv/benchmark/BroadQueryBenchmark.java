package se.arkiv.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.arkiv.search.BroadQueryProbe;
import se.arkiv.search.BroadQueryProbe.Way;

/**
 * The search benchmark's query types, in process over the service's own index of the same records,
 * each collected in the ways {@link BroadQueryProbe} knows, alternated, so that what a broad
 * query's time goes to can be told apart (and profiled) without the HTTP run around it. The index
 * is kept in its folder: a second run starts at the queries.
 *
 * <pre>./scripts/benchmark-broad-queries [records] [rounds] [folder]</pre>
 */
final class BroadQueryBenchmark {

  private BroadQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/benchmark/broad-index-" + records);
    List<Way> ways =
        args.length > 3
            ? Arrays.stream(args[3].split(",")).map(Way::valueOf).toList()
            : List.of(Way.values());
    Corpus corpus = new Corpus(20250101L);
    try (BroadQueryProbe probe = new BroadQueryProbe(dir)) {
      if (probe.documents() < records) {
        System.out.printf("Writing %,d records into %s%n", records, dir);
        probe.write(inputs(corpus, records), Runtime.getRuntime().availableProcessors());
      }
      System.out.printf(
          "%,d documents; load average %s%n", probe.documents(), ArkivBenchmark.loadAverage());
      SearchLatencyBenchmark specsOf = new SearchLatencyBenchmark(corpus, records, 0);
      Map<String, List<SearchLatencyBenchmark.Spec>> specs = specsOf.specs();
      Map<String, Map<Way, Latencies>> latencies = new LinkedHashMap<>();
      Map<String, Long> hits = new LinkedHashMap<>();
      for (int round = 0; round <= rounds; round++) {
        for (Map.Entry<String, List<SearchLatencyBenchmark.Spec>> type : specs.entrySet()) {
          for (SearchLatencyBenchmark.Spec spec : type.getValue()) {
            long total = -1;
            for (Way way : ways) {
              long t0 = System.nanoTime();
              BroadQueryProbe.Found found =
                  probe.search(way, spec.q(), spec.recordClass(), spec.byDate(), spec.size());
              long took = System.nanoTime() - t0;
              if (found.total() >= 0) {
                if (total >= 0 && total != found.total()) {
                  throw new IllegalStateException(
                      way + " found " + found.total() + ", not " + total + ": " + spec);
                }
                total = found.total();
              }
              if (round > 0) {
                latencies
                    .computeIfAbsent(type.getKey(), k -> new EnumMap<>(Way.class))
                    .computeIfAbsent(way, k -> new Latencies())
                    .add(took);
              }
            }
            if (round > 0) {
              hits.merge(type.getKey(), total, Long::sum);
            }
          }
        }
        System.out.printf("Round %d done; load average %s%n", round, ArkivBenchmark.loadAverage());
      }
      StringBuilder report = new StringBuilder("| query type | mean hits |");
      ways.forEach(way -> report.append(' ').append(way).append(" p50 / p99 (ms) |"));
      report.append("\n| --- | ---: |").append(" ---: |".repeat(ways.size())).append('\n');
      latencies.forEach(
          (type, byWay) -> {
            int n = byWay.values().iterator().next().count();
            report.append(
                String.format(Locale.ROOT, "| %s | %,.0f |", type, hits.get(type) / (double) n));
            for (Way way : ways) {
              Latencies l = byWay.get(way);
              report.append(
                  String.format(
                      Locale.ROOT, " %.2f / %.1f |", l.percentileMs(0.5), l.percentileMs(0.99)));
            }
            report.append('\n');
          });
      System.out.println(report);
      Path out = Path.of("target/benchmark/broad-queries.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
    }
  }

  private static Iterator<BroadQueryProbe.Input> inputs(Corpus corpus, int records)
      throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Instant latest = Instant.now().minusSeconds(3600);
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < records;
      }

      @Override
      public BroadQueryProbe.Input next() {
        Corpus.Content content = corpus.content(SearchLatencyBenchmark.OFFSET + i, 150, 600);
        BroadQueryProbe.Input input =
            new BroadQueryProbe.Input(
                SearchLatencyBenchmark.versions(i, content, latest, sha256)[1], content.text());
        i++;
        return input;
      }
    };
  }
}
