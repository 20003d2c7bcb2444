package se.arkiv.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import se.arkiv.benchmark.BenchmarkSections;
import se.arkiv.cluster.AloneNode;
import se.arkiv.record.FilePlan;
import se.arkiv.storage.FilesystemStores;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.StorageSettings;

/**
 * Audit search at scale: writes a trail of N entries (the back office's mix of actors and actions
 * over 15 years, sealed in segments of 1,000 as the service seals them), indexes it as the service
 * does ({@link AuditIndexCatchUp}), and times each kind of search through {@link AuditReader}, the
 * code behind GET /api/audit: through the index, and beside it the same reader over an empty index,
 * which is the scan of the trail as it was before the index (segment summaries warmed), in the same
 * run. Writes the section of docs/benchmarks.md.
 *
 * <p>Arguments: entries, data dir (kept between runs: a trail of the same size is reused), report,
 * docs file ("-" for none).
 */
public final class AuditSearchBenchmark {

  private static final String BEGIN = "<!-- audit-benchmark:begin -->";
  private static final String END = "<!-- audit-benchmark:end -->";
  private static final Instant START = Instant.parse("2011-01-01T07:00:00Z");
  private static final Duration SPAN = Duration.ofDays(15 * 365);
  private static final int SEGMENT = 1000;
  private static final int PAGE = 100;
  private static final int INDEX_SAMPLES = 200;
  private static final int SCAN_SAMPLES = 3;
  private static final Duration SCAN_BUDGET = Duration.ofSeconds(90);

  private static final String[] WORDS = {
    "lön",
    "lönespecifikation",
    "utlägg",
    "reseräkning",
    "faktura",
    "kvitto",
    "verifikation",
    "bokföring",
    "ränta",
    "ränteändring",
    "avtal",
    "kontoavtal",
    "konto",
    "kyc",
    "kundkännedom",
    "skatt",
    "kontrolluppgift",
    "anställning",
    "avslut",
    "betalning",
    "betalningsorder",
    "swift",
    "likvid",
    "avräkning",
    "affärsbekräftelse",
    "motpart",
    "korrespondens",
    "klagomål",
    "revision",
    "granskning",
    "invoice",
    "payroll",
    "expense",
    "settlement",
    "trade",
    "confirmation",
    "payment",
    "agreement",
    "statement",
    "customer",
    "counterparty",
    "complaint",
    "audit",
    "tax",
    "Nordbank",
    "Lindqvist",
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Handelsbolaget",
    "Sjöberg",
    "Öberg",
    "Åkesson",
    "fonder",
    "obligationer",
    "derivat",
    "valuta",
    "penningtvätt"
  };
  private static final String[] CLASSES = {
    "PAYROLL",
    "VOUCHER",
    "EXPENSE_REPORT",
    "TRADE_CONFIRMATION",
    "SETTLEMENT",
    "PAYMENT_ORDER",
    "KYC_FILE",
    "ACCOUNT_AGREEMENT",
    "HR_FILE",
    "TAX_STATEMENT",
    "CORRESPONDENCE"
  };
  private static final String[] DEPARTMENTS = {
    "Ekonomi", "HR", "Marknad", "Betalningar", "Kreditgivning", "Compliance"
  };
  private static final String[] RARE_ACTIONS = {
    "hold.place", "hold.release", "retention.event", "disposition.start", "disposition.approve",
    "disposition.execute", "fixity.finding", "index.rebuild", "user.token", "audit.verify"
  };

  private AuditSearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path data = Path.of(args.length > 1 ? args[1] : "target/benchmark/audit-" + entries);
    Path out = Path.of(args.length > 2 ? args[2] : "target/benchmark/audit.md");
    String docs = args.length > 3 ? args[3] : "docs/benchmarks.md";
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

    double generated = generate(data, entries);
    Clock clock = Clock.systemUTC();
    StorageSettings storage = new StorageSettings(data);
    ObjectStore store = FilesystemStores.at(storage.objectsDir(), clock);
    SegmentFiles files = new SegmentFiles(store, storage);

    AuditSettings settings =
        new AuditSettings(
            SEGMENT, Duration.ofMinutes(5), data.resolve("audit-index"), Duration.ofSeconds(2));
    AuditSealer sealer =
        new AuditSealer(
            store,
            files,
            new AuditLocks(store, clock, new FilePlan(List.of()), AloneNode.LEADS),
            clock);
    AuditSegmentWriter writer =
        new AuditSegmentWriter(files, new AuditRecovery(files), sealer, clock, settings);

    deleteTree(settings.indexDir(storage));
    long began = System.nanoTime();
    AuditIndex index = new AuditIndex(settings, storage);
    AuditIndexCatchUp catchUp =
        new AuditIndexCatchUp(index, files, writer, new ThreadPoolTaskScheduler(), settings);
    catchUp.catchUp();
    double indexSeconds = (System.nanoTime() - began) / 1e9;
    long indexBytes = size(settings.indexDir(storage));
    long trailBytes = size(storage.objectsDir().resolve("audit/segments"));
    System.out.printf(
        "Indexed %,d entries in %.0f s (%,.0f a second), %,d MB%n",
        entries, indexSeconds, entries / indexSeconds, indexBytes / 1_000_000);

    AuditReader indexed = new AuditReader(writer, files, index);
    Path emptyDir = Files.createTempDirectory("arkiv-audit-empty-index-");
    AuditIndex empty =
        new AuditIndex(
            new AuditSettings(SEGMENT, Duration.ofMinutes(5), emptyDir, Duration.ofSeconds(2)),
            storage);
    AuditReader scanning = new AuditReader(writer, files, empty);

    Map<String, Function<SplittableRandom, AuditQuery>> kinds = kinds(entries);
    System.out.println("Warming the scan's segment summaries (one whole pass)...");
    scanning.find(new AuditQuery(null, "nobody", null, null, null), 0, PAGE);
    Map<String, double[]> viaIndex = new LinkedHashMap<>();
    Map<String, double[]> viaScan = new LinkedHashMap<>();
    Map<String, Double> hits = new LinkedHashMap<>();
    for (Map.Entry<String, Function<SplittableRandom, AuditQuery>> kind : kinds.entrySet()) {
      int offset = kind.getKey().contains("page 50") ? 49 * PAGE : 0;
      SplittableRandom random = new SplittableRandom(kind.getKey().hashCode());
      for (int i = 0; i < 20; i++) {
        indexed.find(kind.getValue().apply(random), offset, PAGE);
      }
      long[] times = new long[INDEX_SAMPLES];
      long found = 0;
      for (int i = 0; i < INDEX_SAMPLES; i++) {
        AuditQuery query = kind.getValue().apply(random);
        long t = System.nanoTime();
        found += indexed.find(query, offset, PAGE).size();
        times[i] = System.nanoTime() - t;
      }
      viaIndex.put(kind.getKey(), percentiles(times));
      hits.put(kind.getKey(), (double) found / INDEX_SAMPLES);
      // The same queries (the same seed) through the scan, as many as fit in the budget.
      SplittableRandom again = new SplittableRandom(kind.getKey().hashCode());
      for (int i = 0; i < 20; i++) {
        kind.getValue().apply(again);
      }
      List<Long> scanTimes = new ArrayList<>();
      long budget = System.nanoTime() + SCAN_BUDGET.toNanos();
      while (scanTimes.size() < SCAN_SAMPLES && System.nanoTime() < budget) {
        AuditQuery query = kind.getValue().apply(again);
        long t = System.nanoTime();
        scanning.find(query, offset, PAGE);
        scanTimes.add(System.nanoTime() - t);
      }
      viaScan.put(kind.getKey(), percentiles(scanTimes.stream().mapToLong(x -> x).toArray()));
      System.out.printf(
          "%-34s index p50 %s p99 %s ms | scan p50 %s ms (n=%d)%n",
          kind.getKey(),
          ms(viaIndex.get(kind.getKey())[0]),
          ms(viaIndex.get(kind.getKey())[1]),
          ms(viaScan.get(kind.getKey())[0]),
          scanTimes.size());
    }

    long reopened = System.nanoTime();
    index.destroy();
    index = new AuditIndex(settings, storage);
    catchUp = new AuditIndexCatchUp(index, files, writer, new ThreadPoolTaskScheduler(), settings);
    catchUp.catchUp();
    double reopenSeconds = (System.nanoTime() - reopened) / 1e9;
    index.destroy();
    empty.destroy();
    deleteTree(emptyDir);
    writer.destroy();

    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    String report =
        report(
            entries,
            generated,
            indexSeconds,
            indexBytes,
            trailBytes,
            reopenSeconds,
            viaIndex,
            viaScan,
            hits,
            loadBefore,
            loadAfter);
    System.out.println(report);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    if (!docs.equals("-")) {
      BenchmarkSections.replace(Path.of(docs), report, BEGIN, END);
      System.out.println("Updated the audit search section of " + docs);
    }
  }

  /** The query of each kind, drawn at random; the same seed draws the same queries. */
  private static Map<String, Function<SplittableRandom, AuditQuery>> kinds(int entries) {
    Map<String, Function<SplittableRandom, AuditQuery>> kinds = new LinkedHashMap<>();
    kinds.put("actor", r -> new AuditQuery(null, actor(r), null, null, null));
    kinds.put(
        "action prefix (a rare one)",
        r -> new AuditQuery(null, null, RARE_ACTIONS[r.nextInt(RARE_ACTIONS.length)], null, null));
    kinds.put("target (a record's history)", r -> AuditQuery.target(recordId(r, entries)));
    kinds.put(
        "time range (one day)",
        r -> {
          Instant from = START.plusSeconds(r.nextLong(SPAN.getSeconds() - 86_400));
          return new AuditQuery(null, null, null, from, from.plus(Duration.ofDays(1)));
        });
    kinds.put(
        "free text (one word)",
        r -> new AuditQuery(null, null, null, null, null, WORDS[r.nextInt(WORDS.length)]));
    kinds.put(
        "free text + actor",
        r -> new AuditQuery(null, actor(r), null, null, null, WORDS[r.nextInt(WORDS.length)]));
    kinds.put("broad: 5 years + record.view", r -> broad(r));
    kinds.put("broad, page 50 (offset 4,900)", r -> broad(r));
    return kinds;
  }

  private static AuditQuery broad(SplittableRandom r) {
    Instant from = START.plusSeconds(r.nextLong(SPAN.getSeconds() / 3));
    return new AuditQuery(null, null, "record.view", from, from.plus(Duration.ofDays(5 * 365)));
  }

  // --- the trail ---

  /** Writes the trail unless one of this size is there; the seconds it took (0 when reused). */
  private static double generate(Path data, int entries) throws Exception {
    Path marker = data.resolve("audit-benchmark-entries");
    if (Files.exists(marker) && Files.readString(marker).trim().equals(Integer.toString(entries))) {
      System.out.printf("Reusing the trail of %,d entries in %s%n", entries, data);
      return 0;
    }
    if (Files.isDirectory(data)) {
      try (Stream<Path> inside = Files.list(data)) {
        if (inside.findAny().isPresent()) {
          throw new IllegalStateException(
              data + " holds something other than this benchmark's trail; give another folder");
        }
      }
    }
    Files.createDirectories(data);
    System.out.printf("Writing a trail of %,d entries in %s...%n", entries, data);
    long began = System.nanoTime();
    GeneratedTrail trail = new GeneratedTrail(data.resolve("objects"), SEGMENT);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int chunk = 50_000;
      List<Future<String[]>> pending = new ArrayList<>();
      int next = 1;
      while (next <= entries || !pending.isEmpty()) {
        while (pending.size() < threads * 2 && next <= entries) {
          int from = next;
          int to = Math.min(entries, from + chunk - 1);
          pending.add(pool.submit(() -> unchained(from, to, entries)));
          next = to + 1;
        }
        String[] lines = pending.remove(0).get();
        long first = trail.entries() + 1;
        for (int i = 0; i < lines.length; i++) {
          trail.append(lines[i], time(first + i, entries));
        }
        if (trail.entries() % 1_000_000 == 0) {
          System.out.printf("  %,d entries%n", trail.entries());
        }
      }
      trail.finish();
    } finally {
      pool.shutdown();
    }
    Files.writeString(marker, Integer.toString(entries));
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf("Wrote %,d entries in %.0f s%n", entries, seconds);
    return seconds;
  }

  private static String[] unchained(int from, int to, int entries) {
    String[] lines = new String[to - from + 1];
    for (int seq = from; seq <= to; seq++) {
      lines[seq - from] = GeneratedTrail.unchained(seq, time(seq, entries), event(seq, entries));
    }
    return lines;
  }

  /** Evenly over 15 years, in trail order. */
  private static Instant time(long seq, int entries) {
    return START.plusNanos(SPAN.toNanos() / entries * seq);
  }

  /** The back office's mix: mostly reading, some filing and searching, a little of the rest. */
  private static AuditEvent event(long seq, int entries) {
    SplittableRandom r = new SplittableRandom(seq * 0x9E3779B97F4A7C15L);
    int roll = r.nextInt(100);
    String record = recordId(r, entries);
    if (roll < 30) {
      return event(actor(r), "record.view", record, Map.of(), null, null, null);
    }
    if (roll < 40) {
      return event(actor(r), "record.text", record, Map.of(), null, null, null);
    }
    if (roll < 48) {
      return event(actor(r), "record.download", record, Map.of("range", "whole"), null, null, null);
    }
    if (roll < 60) {
      return event(
          clerk(r),
          "record.file",
          record,
          Map.of(
              "recordClass", CLASSES[r.nextInt(CLASSES.length)],
              "department", DEPARTMENTS[r.nextInt(DEPARTMENTS.length)],
              "size", 20_000 + r.nextInt(2_000_000)),
          null,
          null,
          null);
    }
    if (roll < 78) {
      String q = words(r, 1 + r.nextInt(3));
      return event(
          actor(r), "search", null, Map.of("q", q, "hits", r.nextInt(500)), null, null, null);
    }
    if (roll < 82) {
      return event(
          clerk(r),
          "record.correct",
          record,
          Map.of(),
          null,
          Map.of("title", words(r, 3)),
          Map.of("title", words(r, 3)));
    }
    if (roll < 88) {
      return event(
          auditor(r),
          "audit.read",
          null,
          Map.of("actor", actor(r), "action", "record.view", "hits", r.nextInt(100)),
          null,
          null,
          null);
    }
    if (roll < 95) {
      return event(actor(r), "login.success", null, Map.of(), null, null, null);
    }
    if (roll < 97) {
      return event(
          "user-" + r.nextInt(5000),
          "login.failure",
          null,
          Map.of(),
          "bad credentials",
          null,
          null);
    }
    String action = RARE_ACTIONS[r.nextInt(RARE_ACTIONS.length)];
    return event(
        "manager-" + r.nextInt(10),
        action,
        action.startsWith("hold") ? "hold-" + r.nextInt(2000) : record,
        Map.of("note", words(r, 4)),
        words(r, 5),
        null,
        null);
  }

  private static AuditEvent event(
      String actor,
      String action,
      String target,
      Map<String, Object> details,
      String reason,
      Map<String, Object> before,
      Map<String, Object> after) {
    String role =
        actor.startsWith("clerk")
            ? "CLERK"
            : actor.startsWith("auditor") ? "AUDITOR" : "RECORDS_MANAGER";
    return new AuditEvent(
        actor,
        List.of(role),
        "10.20."
            + Math.floorMod(actor.hashCode(), 30)
            + "."
            + (10 + Math.floorMod(actor.hashCode(), 200)),
        action,
        target,
        AuditEvent.Outcome.SUCCESS,
        reason,
        details,
        before,
        after);
  }

  /** 150 clerks and 30 auditors: about 55,000 entries each at 10,000,000. */
  private static String actor(SplittableRandom r) {
    return r.nextInt(6) == 0 ? auditor(r) : clerk(r);
  }

  private static String clerk(SplittableRandom r) {
    return String.format("clerk-%03d", r.nextInt(150));
  }

  private static String auditor(SplittableRandom r) {
    return String.format("auditor-%02d", r.nextInt(30));
  }

  /** One record per ten entries: a history of about ten entries. */
  private static String recordId(SplittableRandom r, int entries) {
    return String.format("rec-%08x", r.nextInt(Math.max(1, entries / 10)));
  }

  private static String words(SplittableRandom r, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  // --- the report ---

  private static String report(
      int entries,
      double generated,
      double indexSeconds,
      long indexBytes,
      long trailBytes,
      double reopenSeconds,
      Map<String, double[]> viaIndex,
      Map<String, double[]> viaScan,
      Map<String, Double> hits,
      String loadBefore,
      String loadAfter)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "## Audit search at %,d entries (%s)%n%n",
            entries,
            LocalDate.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH))));
    md.append(
        String.format(
            Locale.ROOT,
            "`scripts/benchmark-audit%s`: %s, %d cores, %s of RAM, Java %s, heap %s MB; load"
                + " average (1, 5, 15 min) %s before, %s after.%n%n",
            entries == 10_000_000 ? " --full" : "",
            cpu(),
            Runtime.getRuntime().availableProcessors(),
            memory(),
            System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() / (1 << 20),
            firstThree(loadBefore),
            firstThree(loadAfter)));
    md.append(
        String.format(
            Locale.ROOT,
            "A trail of %,d entries over 15 years (150 clerks, 30 auditors; 30 %% views, 18 %%"
                + " searches, 12 %% filings, ...; a record's history about 10 entries), sealed in"
                + " segments of 1,000: %,d MB of segments%s. Indexed from the segments as the"
                + " service does at start-up after the index is deleted: %.0f s, %,.0f entries a"
                + " second on one thread; the index is %,d MB (%,d bytes an entry, the entry's JSON"
                + " stored). Start-up with the index intact: %.2f s to open it and find nothing to"
                + " index.%n%n",
            entries,
            trailBytes / 1_000_000,
            generated > 0 ? String.format(Locale.ROOT, ", written in %.0f s", generated) : "",
            indexSeconds,
            entries / indexSeconds,
            indexBytes / 1_000_000,
            indexBytes / entries,
            reopenSeconds));
    md.append(
        "Each search asks for a page of 100, in trail order, through `AuditReader.find` (the code"
            + " behind `GET /api/audit`, in process, without HTTP): "
            + INDEX_SAMPLES
            + " random queries of each kind after 20 to warm up. Beside it the same queries through"
            + " the same reader over an empty index, which is the scan of the trail as it was before"
            + " (segment summaries made by a whole pass first; free text, which did not exist, is"
            + " matched entry by entry): at most "
            + SCAN_SAMPLES
            + " of each kind, within "
            + SCAN_BUDGET.getSeconds()
            + " s.\n\n");
    md.append(
        "| query | hits a page (mean) | index p50 ms | index p99 ms | scan p50 ms | scan max ms |"
            + " scan n |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (String kind : viaIndex.keySet()) {
      double[] i = viaIndex.get(kind);
      double[] s = viaScan.get(kind);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %s | %s | %s | %s | %d |%n",
              kind,
              hits.get(kind),
              ms(i[0]),
              ms(i[1]),
              ms(s[0]),
              ms(s[2]),
              (int) s[3]));
    }
    double worst = viaIndex.values().stream().mapToDouble(v -> v[1]).max().orElse(Double.NaN);
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe slowest kind's p99 through the index: %s ms (goal ≤ 200 ms).%n",
            ms(worst)));
    md.append(END).append('\n');
    return md.toString();
  }

  /** p50, p99, max and count, in milliseconds (nearest rank). */
  private static double[] percentiles(long[] nanos) {
    if (nanos.length == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, 0};
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new double[] {
      rank(sorted, 0.5) / 1e6,
      rank(sorted, 0.99) / 1e6,
      sorted[sorted.length - 1] / 1e6,
      sorted.length
    };
  }

  private static long rank(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String ms(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value);
  }

  private static String firstThree(String loadavg) {
    String[] parts = loadavg.split(" ");
    return parts[0] + ", " + parts[1] + ", " + parts[2];
  }

  private static String cpu() throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    }
  }

  private static String memory() throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      long kb =
          lines
              .filter(l -> l.startsWith("MemTotal"))
              .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
              .findFirst()
              .orElse(0L);
      return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
    }
  }

  private static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
