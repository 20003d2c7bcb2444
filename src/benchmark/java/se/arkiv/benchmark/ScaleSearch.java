package se.arkiv.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;

/**
 * The search measurement of {@link ScaleBenchmark}, shared with {@link OpenSearchBenchmark} so both
 * engines are asked exactly the same: every {@link ScaleQueries} type, {@code queries} times each
 * (after five not counted), 20 hits with snippets and facets, the auditor and a clerk of two
 * departments paired and alternating who goes first.
 */
final class ScaleSearch {

  static final int HITS = 20;

  /** The per-type table (markdown) and every measured query of each user. */
  record Result(String table, Latencies auditor, Latencies clerk) {}

  private ScaleSearch() {}

  static Result measure(ArkivClient client, int queries) {
    return measure(client, queries, ScaleQueries.of(client));
  }

  /**
   * With the query set given: the phrases and keys of {@link ScaleQueries} come from the first hits
   * of the engine asked, so comparing two engines takes one set, drawn from the first, for both.
   */
  static Result measure(ArkivClient client, int queries, Map<String, List<String>> types) {
    StringBuilder table =
        new StringBuilder(
            "| query type | auditor p50 / p99 (ms) | clerk, 2 departments p50 / p99 (ms) | clerk ÷ auditor (p50) | hits (auditor) |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
    Latencies allAuditor = new Latencies();
    Latencies allClerk = new Latencies();
    for (Map.Entry<String, List<String>> type : types.entrySet()) {
      Latencies auditor = new Latencies();
      Latencies clerk = new Latencies();
      long total = 0;
      for (int i = 0; i < queries + 5; i++) {
        String query = type.getValue().get(i % type.getValue().size());
        // Paired, alternating who goes first, so a noisy moment hits both alike.
        boolean auditorFirst = i % 2 == 0;
        long a;
        long c;
        if (auditorFirst) {
          a = timed(client, RunningArkiv.AUDITOR, query);
          c = timed(client, RunningArkiv.CLERK, query);
        } else {
          c = timed(client, RunningArkiv.CLERK, query);
          a = timed(client, RunningArkiv.AUDITOR, query);
        }
        if (i >= 5) { // the first five warm up
          auditor.add(a);
          clerk.add(c);
        }
        if (i == 5) {
          total =
              client
                  .get("/api/search?size=" + HITS + "&" + query, RunningArkiv.AUDITOR)
                  .json()
                  .path("total")
                  .asLong();
        }
      }
      allAuditor.addAll(auditor);
      allClerk.addAll(clerk);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s / %s | %s / %s | %.2f | %,d |%n",
              type.getKey(),
              Latencies.ms(auditor.percentileMs(0.50)),
              Latencies.ms(auditor.percentileMs(0.99)),
              Latencies.ms(clerk.percentileMs(0.50)),
              Latencies.ms(clerk.percentileMs(0.99)),
              clerk.percentileMs(0.50) / auditor.percentileMs(0.50),
              total));
    }
    table.append(
        String.format(
            Locale.ROOT,
            "| **all types** | **%s / %s** | %s / %s | %.2f | |%n",
            Latencies.ms(allAuditor.percentileMs(0.50)),
            Latencies.ms(allAuditor.percentileMs(0.99)),
            Latencies.ms(allClerk.percentileMs(0.50)),
            Latencies.ms(allClerk.percentileMs(0.99)),
            allClerk.percentileMs(0.50) / allAuditor.percentileMs(0.50)));
    return new Result(table.toString(), allAuditor, allClerk);
  }

  private static long timed(ArkivClient client, String user, String query) {
    long started = System.nanoTime();
    ArkivClient.Response response = client.get("/api/search?size=" + HITS + "&" + query, user);
    long took = System.nanoTime() - started;
    if (response.status() != 200) {
      throw new IllegalStateException(query + ": " + response.status() + " " + response.text());
    }
    return took;
  }
}
