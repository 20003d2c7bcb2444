package se.arkiv.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;

/**
 * The cost of department scope in search: the same queries over the same indexed records, as an
 * auditor (no scope: every department) and as clerks whose searches the service restricts to their
 * departments. The records are written and indexed exactly as for {@link SearchLatencyBenchmark}
 * (whose corpus spreads them evenly over six departments); an auditor with an explicit department
 * filter gives the same hits as the one-department clerk through the filter parameter instead.
 */
final class ScopeSearchBenchmark {

  /** A clerk who sees one department only, added to the users file. */
  static final String SCOPED = "tove";

  static final String SCOPED_DEPARTMENT = "TREASURY";

  /** Who searches, in the order of the report; the first is the unscoped reference. */
  record Searcher(String label, String user, String departmentFilter) {}

  static final List<Searcher> SEARCHERS =
      List.of(
          new Searcher("auditor, no scope (all 6 departments)", RunningArkiv.AUDITOR, null),
          new Searcher("clerk scoped to 1 department (" + SCOPED_DEPARTMENT + ")", SCOPED, null),
          new Searcher(
              "clerk scoped to 2 departments (ACCOUNTING, PAYROLL)", RunningArkiv.CLERK, null),
          new Searcher(
              "auditor + filter department=" + SCOPED_DEPARTMENT,
              RunningArkiv.AUDITOR,
              SCOPED_DEPARTMENT));

  /** Latencies and mean hits by searcher label, then query type. */
  record Outcome(
      int records,
      double fillSeconds,
      double searchableSeconds,
      Map<String, Long> visible,
      List<String> types,
      Map<String, Map<String, Latencies>> latencies,
      Map<String, Map<String, Double>> meanHits,
      int errors,
      String cpu,
      String loadBefore) {}

  private final Corpus corpus;
  private final int records;
  private final int queriesPerType;

  ScopeSearchBenchmark(Corpus corpus, int records, int queriesPerType) {
    this.corpus = corpus;
    this.records = records;
    this.queriesPerType = queriesPerType;
  }

  Outcome run() throws Exception {
    Path baselineDir = Files.createTempDirectory("arkiv-bench-scope-unused-");
    try (RunningArkiv arkiv =
        RunningArkiv.start(
            ArkivBenchmark.QUIET, new RunningArkiv.ExtraUser(SCOPED, "CLERK", SCOPED_DEPARTMENT))) {
      // As for the search latency part: the store written while the service is stopped, then the
      // service's own catch-up indexes it on restart.
      arkiv.stop();
      SearchLatencyBenchmark search = new SearchLatencyBenchmark(corpus, records, queriesPerType);
      System.out.printf("Scope: writing %,d records into the store...%n", records);
      double[] fill = search.fill(arkiv.objectsDir(), baselineDir);
      ArkivBenchmark.delete(baselineDir); // the plain Lucene index is not used here
      long restarted = System.nanoTime();
      arkiv.restart();
      ArkivClient client = arkiv.client();
      search.awaitIndexed(client, restarted);
      double searchable = (System.nanoTime() - restarted) / 1e9;
      System.out.printf(
          "All %,d records searchable %.1f s after the restart%n", records, searchable);

      Map<String, Long> visible = new LinkedHashMap<>();
      for (Searcher searcher : SEARCHERS) {
        ArkivClient.Response all = client.search(searcher.user(), parameters(null, searcher));
        visible.put(searcher.label(), all.json().get("total").asLong());
      }

      Map<String, List<SearchLatencyBenchmark.Spec>> specs = search.specs();
      // Warm-up, not counted: every query twice for every searcher.
      for (int round = 0; round < 2; round++) {
        for (List<SearchLatencyBenchmark.Spec> list : specs.values()) {
          for (SearchLatencyBenchmark.Spec spec : list) {
            for (Searcher searcher : SEARCHERS) {
              client.search(searcher.user(), parameters(spec, searcher));
            }
          }
        }
      }
      Map<String, Map<String, Latencies>> latencies = new LinkedHashMap<>();
      Map<String, Map<String, Long>> hits = new LinkedHashMap<>();
      for (Searcher searcher : SEARCHERS) {
        Map<String, Latencies> byType = new LinkedHashMap<>();
        Map<String, Long> hitsByType = new LinkedHashMap<>();
        for (String type : specs.keySet()) {
          byType.put(type, new Latencies());
          hitsByType.put(type, 0L);
        }
        latencies.put(searcher.label(), byType);
        hits.put(searcher.label(), hitsByType);
      }
      String load = ArkivBenchmark.loadAverage();
      System.out.println("Scope: queries (load average " + load + ")...");
      CpuMeter cpu = CpuMeter.start();
      int errors = 0;
      // Each query goes to every searcher back to back, the order rotating per round, so that a
      // noisy moment on the machine falls on all of them alike.
      for (int round = 0; round < queriesPerType; round++) {
        for (Map.Entry<String, List<SearchLatencyBenchmark.Spec>> entry : specs.entrySet()) {
          SearchLatencyBenchmark.Spec spec = entry.getValue().get(round % entry.getValue().size());
          for (int s = 0; s < SEARCHERS.size(); s++) {
            Searcher searcher = SEARCHERS.get((s + round) % SEARCHERS.size());
            long started = System.nanoTime();
            ArkivClient.Response response =
                client.search(searcher.user(), parameters(spec, searcher));
            latencies.get(searcher.label()).get(entry.getKey()).add(System.nanoTime() - started);
            if (response.status() != 200) {
              if (errors++ == 0) {
                System.out.println("Search " + spec + " answered " + response.text());
              }
              continue;
            }
            hits.get(searcher.label())
                .merge(entry.getKey(), response.json().get("total").asLong(), Long::sum);
          }
        }
      }
      String cpuDuring = cpu.describe();
      Map<String, Map<String, Double>> meanHits = new LinkedHashMap<>();
      hits.forEach(
          (label, byType) -> {
            Map<String, Double> means = new LinkedHashMap<>();
            byType.forEach((type, sum) -> means.put(type, sum / (double) queriesPerType));
            meanHits.put(label, means);
          });
      return new Outcome(
          records,
          fill[0],
          searchable,
          visible,
          new ArrayList<>(specs.keySet()),
          latencies,
          meanHits,
          errors,
          cpuDuring,
          load);
    } finally {
      ArkivBenchmark.delete(baselineDir);
    }
  }

  private static Map<String, String> parameters(
      SearchLatencyBenchmark.Spec spec, Searcher searcher) {
    Map<String, String> parameters =
        spec == null
            ? new LinkedHashMap<>(Map.of("size", "1"))
            : new LinkedHashMap<>(SearchLatencyBenchmark.parameters(spec));
    if (searcher.departmentFilter() != null) {
      parameters.put("department", searcher.departmentFilter());
    }
    return parameters;
  }

  static void report(StringBuilder report, Outcome o, int queries) {
    report.append(
        String.format(
            Locale.ROOT, "## Department scope in search at %,d records%n%n", o.records()));
    report.append(
        String.format(
            Locale.ROOT,
            "Records written into the store as for the search latency part (%.1f s), then indexed"
                + " by the service's own catch-up on restart (all searchable after %.1f s). The"
                + " corpus spreads them evenly over %d departments. The same %d queries of each"
                + " type go to every searcher back to back (order rotating), over HTTP, one at a"
                + " time, after a warm-up; page size 20 with snippets and facets. Errors: %d."
                + " Load average before: %s. CPU while the queries ran: %s.%n%n",
            o.fillSeconds(),
            o.searchableSeconds(),
            Corpus.DEPARTMENTS.size(),
            queries,
            o.errors(),
            o.loadBefore(),
            o.cpu()));
    report.append("| searcher | records visible |\n| --- | ---: |\n");
    o.visible()
        .forEach(
            (label, n) -> report.append(String.format(Locale.ROOT, "| %s | %,d |%n", label, n)));
    report.append("\n");

    String reference = SEARCHERS.get(0).label();
    Map<String, Latencies> pooled = new LinkedHashMap<>();
    report.append("| query type |");
    for (Searcher searcher : SEARCHERS) {
      report.append(" ").append(searcher.label()).append(": hits, p50, p99 (ms) |");
      pooled.put(searcher.label(), new Latencies());
    }
    report.append("\n| --- |");
    SEARCHERS.forEach(s -> report.append(" ---: |"));
    report.append("\n");
    for (String type : o.types()) {
      report.append("| ").append(type).append(" |");
      for (Searcher searcher : SEARCHERS) {
        Latencies l = o.latencies().get(searcher.label()).get(type);
        if (!type.endsWith("size=1")) {
          pooled.get(searcher.label()).addAll(l);
        }
        report.append(
            String.format(
                Locale.ROOT,
                " %,.0f; %s; %s |",
                o.meanHits().get(searcher.label()).get(type),
                Latencies.ms(l.percentileMs(0.5)),
                Latencies.ms(l.percentileMs(0.99))));
      }
      report.append("\n");
    }
    report.append("| **all types but size=1** |");
    for (Searcher searcher : SEARCHERS) {
      Latencies l = pooled.get(searcher.label());
      report.append(
          String.format(
              Locale.ROOT,
              " **%s; %s** |",
              Latencies.ms(l.percentileMs(0.5)),
              Latencies.ms(l.percentileMs(0.99))));
    }
    report.append("\n\n");

    report.append("Ratio to the unscoped auditor (" + reference + "), p50 and p99:\n\n");
    report.append("| query type |");
    for (Searcher searcher : SEARCHERS.subList(1, SEARCHERS.size())) {
      report.append(" ").append(searcher.label()).append(" / auditor: p50, p99 |");
    }
    report.append("\n| --- |");
    SEARCHERS.subList(1, SEARCHERS.size()).forEach(s -> report.append(" ---: |"));
    report.append("\n");
    List<String> rows = new ArrayList<>(o.types());
    rows.add(null);
    for (String type : rows) {
      report.append("| ").append(type == null ? "**all types but size=1**" : type).append(" |");
      Latencies a = type == null ? pooled.get(reference) : o.latencies().get(reference).get(type);
      for (Searcher searcher : SEARCHERS.subList(1, SEARCHERS.size())) {
        Latencies b =
            type == null
                ? pooled.get(searcher.label())
                : o.latencies().get(searcher.label()).get(type);
        String cell =
            String.format(
                Locale.ROOT,
                "%.2f; %.2f",
                b.percentileMs(0.5) / a.percentileMs(0.5),
                b.percentileMs(0.99) / a.percentileMs(0.99));
        report.append(" ").append(type == null ? "**" + cell + "**" : cell).append(" |");
      }
      report.append("\n");
    }
    report.append("\n");
  }
}
