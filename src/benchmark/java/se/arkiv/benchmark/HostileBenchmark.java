package se.arkiv.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.Drain;
import se.arkiv.testing.HostileFile;
import se.arkiv.testing.HostileFiles;
import se.arkiv.testing.IconArchives;
import se.arkiv.testing.Probe;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.SuiteFiling;
import se.arkiv.testing.TestDocuments;

/**
 * The hostile suite's drain time and another user's search while it drains ({@code
 * ./scripts/benchmark-hostile}): Tika's test documents, the bombs of {@link HostileFiles} and
 * archives of icons, all filed in one go by three clerks on a fresh service, timed until nothing is
 * PENDING; meanwhile an auditor searches every second, and the p50/p99 of those searches stand
 * beside the same probe on the same service idle, measured first. Once with the default settings
 * and once with per-record budgets off ({@code arkiv.extraction.budget.enabled=false}).
 *
 * <p>Arguments: the longest drain to wait for in minutes, the report file, the docs file whose
 * hostile section is replaced (or "-"), and optionally "default" or "unbudgeted" to run only one.
 */
public final class HostileBenchmark {

  private static final int CLIENTS = 3;
  private static final int ARCHIVES = 300;
  private static final Duration IDLE = Duration.ofSeconds(30);

  private HostileBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration maxDrain = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 10);
    Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark/hostile.md");
    String docs = args.length > 2 ? args[2] : "docs/benchmarks.md";
    String only = args.length > 3 ? args[3] : "all";
    Path root = Files.createTempDirectory("arkiv-hostile-bench-");
    String load = ArkivBenchmark.loadAverage();
    List<HostileReport.Run> runs = new ArrayList<>();
    try {
      String token = "kanarie" + UUID.randomUUID().toString().replace("-", "");
      Path canary = root.resolve("canary.txt");
      Files.writeString(canary, token);
      List<HostileFile> files =
          new ArrayList<>(HostileFiles.write(root.resolve("suite"), canary, token));
      files.addAll(IconArchives.write(root.resolve("archives"), ARCHIVES, 24));
      files.add(HostileFiles.overLimit(root));
      List<HostileFile> warmUp = warmUp(root.resolve("warm-up"));
      System.out.printf("The suite: %d files in %s%n", files.size(), root);
      Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
      configurations.put("default settings", Map.of("arkiv.upload.max-size", "64MB"));
      configurations.put(
          "per-record budgets off",
          Map.of("arkiv.upload.max-size", "64MB", "arkiv.extraction.budget.enabled", "false"));
      for (var configuration : configurations.entrySet()) {
        boolean wanted =
            only.equals("all")
                || (only.equals("default") && configuration.getKey().startsWith("default"))
                || (only.equals("unbudgeted") && configuration.getKey().startsWith("per-record"));
        if (wanted) {
          runs.add(run(configuration.getKey(), configuration.getValue(), files, warmUp, maxDrain));
        }
      }
    } finally {
      deleteTree(root);
    }
    String report =
        HostileReport.markdown(runs, load, ArkivBenchmark.loadAverage(), maxDrain, ARCHIVES);
    System.out.println(report);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    if (!docs.equals("-")) {
      HostileReport.replaceSection(Path.of(docs), report);
      System.out.println("Updated the hostile section of " + docs);
    }
    // exec:java leaves threads of abandoned parses running; the report is written.
    System.exit(0);
  }

  private static HostileReport.Run run(
      String name,
      Map<String, Object> properties,
      List<HostileFile> files,
      List<HostileFile> warmUp,
      Duration maxDrain)
      throws Exception {
    System.out.printf("%s: starting a fresh service%n", name);
    try (RunningArkiv arkiv = RunningArkiv.start(properties)) {
      ArkivClient client = arkiv.client();
      SuiteFiling.Batch warm = SuiteFiling.fileAll(client, RunningArkiv.CLERK, warmUp, CLIENTS);
      Drain warmDrain = new Drain(client, RunningArkiv.CLERK, ids(warm));
      while (warmDrain.poll() > 0) {
        Thread.sleep(200);
      }
      System.out.printf("%s: idle probe for %d s%n", name, IDLE.toSeconds());
      Latencies idle = new Latencies();
      try (Probe probe =
          Probe.start(client, RunningArkiv.AUDITOR, "kontoutdrag", Duration.ofSeconds(1))) {
        Thread.sleep(IDLE.toMillis());
        probe.close();
        probe.samples().forEach(s -> idle.add(s.searchNanos()));
      }
      CpuMeter cpu = CpuMeter.start();
      Probe probe = Probe.start(client, RunningArkiv.AUDITOR, "kontoutdrag", Duration.ofSeconds(1));
      System.out.printf("%s: filing %d files%n", name, files.size());
      SuiteFiling.Batch batch = SuiteFiling.fileAll(client, RunningArkiv.CLERK, files, CLIENTS);
      long started = System.nanoTime() - batch.took().toNanos();
      Drain drain = new Drain(client, RunningArkiv.CLERK, ids(batch));
      long deadline = System.nanoTime() + maxDrain.toNanos();
      Double drained = null;
      int pending;
      while ((pending = drain.poll()) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1000);
        System.out.printf(
            "%s: %d pending after %.0f s%n", name, pending, (System.nanoTime() - started) / 1e9);
      }
      if (pending == 0) {
        drained = (System.nanoTime() - started) / 1e9;
      }
      probe.close();
      String cpuUse = cpu.describe();
      Latencies busy = new Latencies();
      int errors = 0;
      int notUp = 0;
      for (Probe.Sample sample : probe.samples()) {
        busy.add(sample.searchNanos());
        errors += sample.searchStatus() == 200 ? 0 : 1;
        notUp += "UP".equals(sample.health()) ? 0 : 1;
      }
      Map<String, Long> outcomes =
          drain.finished().stream()
              .collect(
                  Collectors.groupingBy(
                      f ->
                          f.status()
                              + (f.extraction().get("truncated").asBoolean() ? " (truncated)" : ""),
                      TreeMap::new,
                      Collectors.counting()));
      int records = batch.created().size();
      return new HostileReport.Run(
          name,
          properties,
          files.size(),
          records,
          files.size() - records,
          batch.took().toMillis() / 1000.0,
          drained,
          pending,
          outcomes,
          idle,
          busy,
          errors,
          notUp,
          drain.slowest(8),
          cpuUse);
    }
  }

  private static List<HostileFile> warmUp(Path folder) throws IOException {
    Files.createDirectories(folder);
    List<HostileFile> files = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Path file = folder.resolve("kontoutdrag-" + i + ".pdf");
      Files.write(
          file, TestDocuments.pdf("Kontoutdrag nummer " + i, "Saldo " + (i * 137) + " kronor"));
      files.add(new HostileFile(file.getFileName().toString(), file, "warm-up"));
    }
    return files;
  }

  private static Map<String, HostileFile> ids(SuiteFiling.Batch batch) {
    Map<String, HostileFile> ids = new LinkedHashMap<>();
    batch.created().forEach(f -> ids.put(f.id(), f.file()));
    return ids;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
