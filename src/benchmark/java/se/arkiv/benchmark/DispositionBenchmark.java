package se.arkiv.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.SearchService;
import se.arkiv.storage.RecordStore;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A disposition run over many eligible records. The records are made in-process through the
 * service's own {@link RecordStore} (original, extracted text, one metadata version with the text
 * extracted, the dedup key, as filing and extraction leave a record), so the index and the store
 * locks are kept by the service's own listeners. Then a records manager makes a run of class
 * CORRESPONDENCE and executes it over HTTP. The baseline deletes the files of an identical copy of
 * the same record set with bare java.nio calls.
 */
final class DispositionBenchmark {

  static final String RECORD_CLASS = "CORRESPONDENCE";

  /**
   * The dry run over the class asks what could go at the start of 2011: of document dates spread
   * over 2005-2019, only those of 2005 (one in fifteen) are past their five years then.
   */
  static final String DRY_RUN_AS_OF = "2011-01-01";

  private static final int DATE_YEARS = 15;
  private static final Instant CLOCK_AT = Instant.parse("2025-01-15T09:00:00Z");
  private static final Instant FILED_FROM = Instant.parse("2015-01-02T08:00:00Z");
  private static final int OFFSET = 20_000_000; // corpus indexes apart from the other parts

  /** What one size measured. */
  record Outcome(
      int records,
      boolean madeOnRamDisk,
      double makeSeconds,
      double moveSeconds,
      double catchUpSeconds,
      long storeFiles,
      long storeBytes,
      double baselineOriginalsSeconds,
      double baselineRestSeconds,
      long baselineFiles,
      long baselineFolders,
      double startSeconds,
      double dryRunSeconds,
      int dryRunCandidates,
      int dryRunExcluded,
      double executeSeconds,
      int candidates,
      int excluded,
      long destroyed,
      long notDestroyed,
      String firstFailure,
      long startResponseBytes,
      long executeResponseBytes,
      long heapBeforeMiB,
      long peakStartMiB,
      long peakExecuteMiB,
      long heapAfterMiB,
      double gcSecondsStart,
      double gcSecondsExecute,
      String cpuStart,
      String cpuExecute,
      String loadBefore,
      long recordFoldersLeft,
      long tombstones,
      double certificateSeconds,
      String certificateExtraction,
      Map<String, long[]> startProfile,
      Map<String, long[]> executeProfile,
      Map<String, long[]> executeActivities,
      double wholeMinutes) {

    double startPerSecond() {
      return records / startSeconds;
    }

    double executePerSecond() {
      return destroyed / executeSeconds;
    }

    double baselineOriginalsPerSecond() {
      return records / baselineOriginalsSeconds;
    }

    double baselineAllPerSecond() {
      return records / (baselineOriginalsSeconds + baselineRestSeconds);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Path SHM = Path.of("/dev/shm");

  private final Corpus corpus;
  private final int threads;
  private final boolean ramDisk;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param ramDisk make the records on /dev/shm (tmpfs: fsync costs nothing there), then copy them
   *     to the disk and restart the service on them before anything is measured
   */
  DispositionBenchmark(Corpus corpus, int threads, boolean ramDisk) {
    this.corpus = corpus;
    this.threads = threads;
    this.ramDisk = ramDisk && Files.isDirectory(SHM) && Files.isWritable(SHM);
  }

  Outcome run(int records) throws Exception {
    long began = System.nanoTime();
    MovableClockSource.CLOCK.set(CLOCK_AT);
    Path baseline = Files.createTempDirectory("arkiv-bench-disposition-baseline-");
    Path ram = ramDisk ? Files.createTempDirectory(SHM, "arkiv-bench-make-") : null;
    Map<String, Object> properties = new LinkedHashMap<>(ArkivBenchmark.QUIET);
    if (ram != null) {
      properties.put("arkiv.data-dir", ram.resolve("data").toString());
      properties.put("arkiv.index.dir", ram.resolve("index").toString());
    }
    try (RunningArkiv arkiv = RunningArkiv.start(properties, MovableClockSource.class)) {
      RecordStore store = arkiv.context().getBean(RecordStore.class);
      System.out.printf(
          "Disposition: making %,d records through RecordStore%s...%n",
          records, ram == null ? "" : " on " + ram);
      long t0 = System.nanoTime();
      List<RecordId> ids = make(store, records);
      double makeSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("  made in %.1f s (%.0f records/s)%n", makeSeconds, records / makeSeconds);
      double moveSeconds = 0;
      double catchUpSeconds = 0;
      if (ram != null) {
        // As an operator restores a backup: the service stopped, its data and index folders
        // copied onto the disk, the service started again on them. RunningArkiv keeps the map of
        // properties it was given, so without the overrides it boots on its own folders.
        long tm = System.nanoTime();
        arkiv.stop();
        copyTree(ram.resolve("data"), arkiv.root().resolve("data"));
        copyTree(ram.resolve("index"), arkiv.indexDir());
        ArkivBenchmark.delete(ram);
        properties.remove("arkiv.data-dir");
        properties.remove("arkiv.index.dir");
        moveSeconds = (System.nanoTime() - tm) / 1e9;
        long tc = System.nanoTime();
        arkiv.restart();
        SearchService search = arkiv.context().getBean(SearchService.class);
        while (!search.isCurrent()) {
          Thread.sleep(200);
        }
        catchUpSeconds = (System.nanoTime() - tc) / 1e9;
        System.out.printf(
            "  copied to disk in %.1f s; restarted, index checked against the store in %.1f s%n",
            moveSeconds, catchUpSeconds);
      }
      Path objects = arkiv.objectsDir();
      long storeFiles = ArkivBenchmark.fileCount(objects);
      long storeBytes = ArkivBenchmark.folderSize(objects);

      // The baseline: an identical copy of every file the records left (objects, lock sidecars,
      // dedup keys), deleted with bare java.nio calls: no checks, no fsync, no tombstone.
      System.out.println("  copying the record set for the baseline...");
      copyTree(objects.resolve("records"), baseline.resolve("records"));
      copyTree(objects.resolve(".locks"), baseline.resolve(".locks"));
      copyTree(objects.resolve("dedup"), baseline.resolve("dedup"));
      long baselineFiles = ArkivBenchmark.fileCount(baseline);
      System.out.println("  baseline: Files.delete of each original...");
      long t1 = System.nanoTime();
      for (RecordId id : ids) {
        Files.delete(baseline.resolve("records").resolve(id.value()).resolve("original"));
      }
      double baselineOriginals = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      long folders = deleteRest(baseline, ids);
      double baselineRest = (System.nanoTime() - t2) / 1e9;
      System.out.printf(
          "  baseline: originals %.2f s, all other files and folders %.2f s%n",
          baselineOriginals, baselineRest);

      String base = "http://localhost:" + arkiv.port();
      long heapBefore = ArkivBenchmark.heapUsedAfterGc();
      String load = ArkivBenchmark.loadAverage();

      System.out.printf("  dry run over %s as of %s...%n", RECORD_CLASS, DRY_RUN_AS_OF);
      long td = System.nanoTime();
      HttpResponse<byte[]> dry =
          post(
              base + "/api/disposition/runs",
              "{\"dryRun\":true,\"recordClass\":\""
                  + RECORD_CLASS
                  + "\",\"asOf\":\""
                  + DRY_RUN_AS_OF
                  + "\"}");
      double dryRunSeconds = (System.nanoTime() - td) / 1e9;
      if (dry.statusCode() != 201) {
        throw new IllegalStateException(
            "The dry run answered "
                + dry.statusCode()
                + ": "
                + new String(dry.body(), StandardCharsets.UTF_8));
      }
      JsonNode dryRun = JSON.readTree(dry.body());
      int dryRunCandidates = dryRun.get("candidates").size();
      int dryRunExcluded = dryRun.get("excluded").size();
      System.out.printf(
          "  dry run: %,d candidates, %,d excluded, in %.2f s%n",
          dryRunCandidates, dryRunExcluded, dryRunSeconds);
      dryRun = null;

      System.out.printf("  POST /api/disposition/runs (load average %s)...%n", load);
      HeapSampler sampler = HeapSampler.start();
      StackSampler startStacks = StackSampler.start("DispositionPlanner.plan");
      double gc0 = gcSeconds();
      CpuMeter cpu = CpuMeter.start();
      long t3 = System.nanoTime();
      HttpResponse<byte[]> started =
          post(
              base + "/api/disposition/runs",
              "{\"dryRun\":false,\"recordClass\":\"" + RECORD_CLASS + "\"}");
      double startSeconds = (System.nanoTime() - t3) / 1e9;
      startStacks.stop();
      String cpuStart = cpu.describe();
      double gcStart = gcSeconds() - gc0;
      long peakStart = sampler.stop();
      if (started.statusCode() != 201) {
        throw new IllegalStateException(
            "Making the run answered "
                + started.statusCode()
                + ": "
                + new String(started.body(), StandardCharsets.UTF_8));
      }
      JsonNode run = JSON.readTree(started.body());
      String runId = run.get("id").asString();
      int candidates = run.get("candidates").size();
      int excluded = run.get("excluded").size();
      System.out.printf(
          "  run %s: %,d candidates, %,d excluded, state %s, in %.1f s%n",
          runId, candidates, excluded, run.get("state").asString(), startSeconds);
      run = null;

      System.out.println("  POST /api/disposition/runs/" + runId + "/execute...");
      sampler = HeapSampler.start();
      StackSampler executeStacks = StackSampler.start("DispositionExecutor.carryOut");
      double gc1 = gcSeconds();
      cpu = CpuMeter.start();
      long t4 = System.nanoTime();
      HttpResponse<byte[]> accepted =
          post(base + "/api/disposition/runs/" + runId + "/execute", "");
      if (accepted.statusCode() != 202) {
        throw new IllegalStateException(
            "Executing the run answered "
                + accepted.statusCode()
                + ": "
                + new String(accepted.body(), StandardCharsets.UTF_8));
      }
      // The run goes on in the background; its end is the audit entry "disposition.finish"
      // (a small answer to poll, where the run itself carries every candidate).
      awaitFinish(base, runId);
      double executeSeconds = (System.nanoTime() - t4) / 1e9;
      HttpResponse<byte[]> executed =
          http.send(
              request(base + "/api/disposition/runs/" + runId).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      executeStacks.stop();
      String cpuExecute = cpu.describe();
      double gcExecute = gcSeconds() - gc1;
      long peakExecute = sampler.stop();
      if (executed.statusCode() != 200) {
        throw new IllegalStateException(
            "Executing the run answered "
                + executed.statusCode()
                + ": "
                + new String(executed.body(), StandardCharsets.UTF_8));
      }
      JsonNode done = JSON.readTree(executed.body());
      long destroyed = 0;
      String firstFailure = null;
      for (JsonNode outcome : done.get("outcomes")) {
        if (outcome.get("destroyed").asBoolean()) {
          destroyed++;
        } else if (firstFailure == null) {
          firstFailure = outcome.get("reason").asString();
        }
      }
      long notDestroyed = done.get("outcomes").size() - destroyed;
      String certificateId = done.get("certificateRecordId").asString();
      System.out.printf(
          "  executed in %.1f s: %,d destroyed, %,d not%n",
          executeSeconds, destroyed, notDestroyed);
      done = null;

      // The certificate is filed as a record and extracted in the background; wait for it (up to
      // 5 minutes) so that its extraction does not run into the next measurement.
      long t5 = System.nanoTime();
      String extraction = awaitExtraction(base, certificateId, Duration.ofMinutes(5));
      double certificateSeconds = (System.nanoTime() - t5) / 1e9;
      System.out.printf(
          "  certificate %s: extraction %s %.1f s after the execute answer%n",
          certificateId, extraction, certificateSeconds);
      long heapAfter = ArkivBenchmark.heapUsedAfterGc();

      long left = countFolders(objects.resolve("records"));
      long tombstones = ArkivBenchmark.fileCount(objects.resolve("disposition/tombstones"));
      return new Outcome(
          records,
          ram != null,
          makeSeconds,
          moveSeconds,
          catchUpSeconds,
          storeFiles,
          storeBytes,
          baselineOriginals,
          baselineRest,
          baselineFiles,
          folders,
          startSeconds,
          dryRunSeconds,
          dryRunCandidates,
          dryRunExcluded,
          executeSeconds,
          candidates,
          excluded,
          destroyed,
          notDestroyed,
          firstFailure,
          started.body().length,
          executed.body().length,
          heapBefore >> 20,
          peakStart >> 20,
          peakExecute >> 20,
          heapAfter >> 20,
          gcStart,
          gcExecute,
          cpuStart,
          cpuExecute,
          load,
          left,
          tombstones,
          certificateSeconds,
          extraction,
          startStacks.profile(),
          executeStacks.profile(),
          executeStacks.activities(),
          (System.nanoTime() - began) / 60e9);
    } finally {
      ArkivBenchmark.delete(baseline);
      if (ram != null) {
        ArkivBenchmark.delete(ram);
      }
    }
  }

  /** Writes the records from {@link #threads} threads; returns their ids. */
  private List<RecordId> make(RecordStore store, int records) throws Exception {
    RecordId[] ids = new RecordId[records];
    AtomicInteger next = new AtomicInteger();
    AtomicLong lastReport = new AtomicLong(System.nanoTime());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  Path spool = Files.createTempFile("arkiv-bench-original-", ".txt");
                  MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                  try {
                    for (int i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
                      ids[i] = makeOne(store, i, spool, sha256);
                      long now = System.nanoTime();
                      long last = lastReport.get();
                      if (now - last > 30e9 && lastReport.compareAndSet(last, now)) {
                        System.out.printf("  %,d of %,d records made%n", i, records);
                      }
                    }
                  } finally {
                    Files.deleteIfExists(spool);
                  }
                  return null;
                }));
      }
      for (Future<Void> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    return List.of(ids);
  }

  /**
   * One record as filing plus extraction leave it: the original (from a spool file, as filing
   * stores it), the extracted text, a metadata version with the extraction done, and the dedup key.
   * Each store call goes through the service's object store (fsync'd writes); the metadata version
   * is indexed and its objects locked by the service's own listeners.
   */
  private RecordId makeOne(RecordStore store, int i, Path spool, MessageDigest sha256)
      throws IOException {
    Corpus.Content content = corpus.content(OFFSET + i, 40, 90);
    Instant filedAt = FILED_FROM.plusSeconds(i);
    Instant extractedAt = filedAt.plusSeconds(2);
    RecordId id = RecordId.newId(Clock.fixed(filedAt, ZoneOffset.UTC));
    byte[] original = content.text().getBytes(StandardCharsets.UTF_8);
    Files.write(spool, original);
    store.storeOriginal(id, spool);
    store.writeText(id, content.text());
    RecordMetadata metadata =
        new RecordMetadata(
            RecordMetadata.SCHEMA_VERSION,
            id,
            1,
            RECORD_CLASS,
            "Brev " + content.ref(),
            "brev-" + content.ref() + ".txt",
            "text/plain",
            original.length,
            HexFormat.of().formatHex(sha256.digest(original)),
            content.department(),
            LocalDate.of(2005 + i % DATE_YEARS, 1 + i % 12, 1),
            null,
            new BusinessKeys(content.customerId(), null, null, null, null),
            List.of(),
            filedAt,
            RunningArkiv.CLERK,
            new Extraction(
                ExtractionStatus.DONE,
                null,
                content.code(),
                content.text().length(),
                false,
                extractedAt),
            extractedAt,
            RunningArkiv.CLERK,
            "filed",
            null);
    store.appendVersion(metadata);
    store.registerDuplicateKey(metadata);
    return id;
  }

  /** Deletes every file and folder of each record but the original, already gone. */
  private static long deleteRest(Path baseline, List<RecordId> ids) throws IOException {
    long folders = 0;
    for (RecordId id : ids) {
      for (Path root : List.of(baseline.resolve("records"), baseline.resolve(".locks/records"))) {
        Path folder = root.resolve(id.value());
        if (!Files.exists(folder)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(folder)) {
          for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
            if (Files.isDirectory(path)) {
              folders++;
            }
            Files.delete(path);
          }
        }
      }
    }
    // The dedup keys: one file per record.
    try (Stream<Path> files = Files.list(baseline.resolve("dedup"))) {
      for (Path path : files.toList()) {
        Files.delete(path);
      }
    }
    return folders;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    // A visitor rather than a list of paths: a million files would crowd the heap.
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.copy(file, to.resolve(from.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static long countFolders(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isDirectory).count();
    }
  }

  /**
   * Waits until the run reads EXECUTED in the list of run summaries, polled every 500 ms: a small
   * answer that costs the service little beside the run (the audit query would parse the whole
   * trail each time, and write an entry).
   */
  private void awaitFinish(String base, String runId) throws IOException, InterruptedException {
    String url = base + "/api/disposition/runs";
    while (true) {
      HttpResponse<byte[]> response =
          http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        for (JsonNode summary : JSON.readTree(response.body())) {
          if (summary.get("id").asString().equals(runId)
              && "EXECUTED".equals(summary.get("state").asString())) {
            return;
          }
        }
      }
      Thread.sleep(500);
    }
  }

  private String awaitExtraction(String base, String recordId, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String status = "unknown";
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response =
          http.send(
              request(base + "/api/records/" + recordId).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        status = JSON.readTree(response.body()).get("extraction").get("status").asString();
        if (!"PENDING".equals(status)) {
          return status;
        }
      }
      Thread.sleep(500);
    }
    return status + " after " + limit.toMinutes() + " minutes";
  }

  /** A POST as the records manager; no timeout short of an hour, as a run may take long. */
  private HttpResponse<byte[]> post(String url, String json)
      throws IOException, InterruptedException {
    return http.send(
        request(url)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder request(String url) {
    String credentials = RunningArkiv.MANAGER + ":" + RunningArkiv.MANAGER;
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofHours(1))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  private static double gcSeconds() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis / 1e3;
  }

  /**
   * Where the request thread spends its time: the thread that runs {@code method} is sampled every
   * 50 ms until {@link #stop} (every 10 ms until 7 Dec 2026: a dump of every thread's stack each
   * time, which cost the run it measured about a tenth of its speed), with every destruction thread
   * busy with a record (the run's records are destroyed side by side there, while the run's thread
   * waits), and each sample counted under the step it is in (the callee of
   * RecordDestruction.destroy, else of the sampled method, else "outside": the controller, audit
   * entry, JSON answer), and whether it is inside FileChannel.force (fsync).
   */
  static final class StackSampler {
    private static final long EVERY_MILLIS = 50;
    private final String method;
    private final Thread thread;
    private final Map<String, long[]> steps = new ConcurrentHashMap<>();
    private final Map<String, long[]> activities = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private StackSampler(String method) {
      this.method = method;
      thread = new Thread(this::sample, "stack-sampler");
      thread.setDaemon(true);
    }

    static StackSampler start(String method) {
      StackSampler sampler = new StackSampler(method);
      sampler.thread.start();
      return sampler;
    }

    private void sample() {
      Thread target = null;
      while (running) {
        try {
          Thread.sleep(EVERY_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        if (target == null) {
          for (Map.Entry<Thread, StackTraceElement[]> entry :
              Thread.getAllStackTraces().entrySet()) {
            if (indexOf(entry.getValue(), method) >= 0) {
              target = entry.getKey();
              count(entry.getValue());
            }
          }
        } else {
          StackTraceElement[] stack = target.getStackTrace();
          // Waiting for the records of a slice, destroyed on the destruction threads below.
          if (indexOf(stack, "RecordDestruction.outcomesInOrder") < 0) {
            count(stack);
          }
          for (Map.Entry<Thread, StackTraceElement[]> entry :
              Thread.getAllStackTraces().entrySet()) {
            if (entry.getKey().getName().startsWith("destruction-")
                && indexOf(entry.getValue(), "RecordDestruction.destroy") >= 0) {
              count(entry.getValue());
            }
          }
        }
      }
    }

    private static int indexOf(StackTraceElement[] stack, String classAndMethod) {
      for (int i = 0; i < stack.length; i++) {
        if (name(stack[i]).equals(classAndMethod)) {
          return i;
        }
      }
      return -1;
    }

    private static String name(StackTraceElement frame) {
      String type = frame.getClassName();
      return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    private synchronized void count(StackTraceElement[] stack) {
      int at = indexOf(stack, "RecordDestruction.destroy");
      String prefix = "destroy → ";
      if (at < 0) {
        at = indexOf(stack, method);
        prefix = method.substring(method.indexOf('.') + 1) + " → ";
      }
      String step;
      if (at < 0) {
        step = "outside " + method + " (controller, audit entry, JSON answer, idle)";
      } else if (at == 0) {
        step = prefix + "(own code)";
      } else {
        // The callee, past JDK collection, stream and lambda frames.
        int callee = at - 1;
        while (callee > 0
            && (stack[callee].getClassName().startsWith("java.util.")
                || stack[callee].getClassName().contains("$$Lambda")
                || stack[callee].getMethodName().startsWith("lambda$"))) {
          callee--;
        }
        step = prefix + name(stack[callee]);
      }
      long[] counts = steps.computeIfAbsent(step, k -> new long[2]);
      counts[0]++;
      if (indexOf(stack, "FileChannelImpl.force") >= 0) {
        counts[1]++;
      }
      activities.computeIfAbsent(activity(stack), k -> new long[1])[0]++;
    }

    /** What the sampled thread was doing, from the innermost frames that tell. */
    private static String activity(StackTraceElement[] stack) {
      // fsync first: its innermost frame (FileDispatcherImpl.force0) looks like any file I/O.
      if (indexOf(stack, "FileChannelImpl.force") >= 0) {
        return "fsync (FileChannel.force)";
      }
      for (StackTraceElement frame : stack) {
        String type = frame.getClassName();
        String method = frame.getMethodName();
        if (type.endsWith("UnixNativeDispatcher")) {
          return switch (method) {
            case "unlink0", "unlink", "rmdir0", "rmdir" -> "unlink / rmdir";
            case "opendir0", "opendir", "readdir0", "readdir", "closedir", "fdopendir" ->
                "directory listing";
            case "link0", "link", "rename0", "rename" -> "link / rename";
            default -> "open / stat (" + method.replace("0", "") + ")";
          };
        }
        if (type.startsWith("sun.nio.ch.FileDispatcherImpl")
            || type.startsWith("sun.nio.ch.UnixFileDispatcherImpl")
            || type.startsWith("sun.nio.ch.IOUtil")) {
          return "file read / write";
        }
        if (type.startsWith("tools.jackson.") || type.startsWith("com.fasterxml.jackson.")) {
          return "JSON (Jackson)";
        }
        if (type.startsWith("org.apache.lucene.")) {
          return "Lucene";
        }
        if (type.startsWith("org.apache.pdfbox.")) {
          return "PDF (PDFBox)";
        }
        if (type.startsWith("org.apache.tika.")) {
          return "Tika";
        }
        if (type.startsWith("sun.nio.fs.") || type.startsWith("java.nio.file.")) {
          return "other java.nio.file";
        }
        if (type.startsWith("se.arkiv.")) {
          return "Arkiv code, other";
        }
      }
      return "other (Spring, Tomcat, JDK)";
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    /** Samples by step, most first: {all samples, samples inside FileChannel.force}. */
    synchronized Map<String, long[]> profile() {
      return sorted(steps);
    }

    /** Samples by activity (fsync, unlink, JSON...), most first. */
    synchronized Map<String, long[]> activities() {
      return sorted(activities);
    }

    private static Map<String, long[]> sorted(Map<String, long[]> counts) {
      Map<String, long[]> sorted = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
          .forEach(entry -> sorted.put(entry.getKey(), entry.getValue().clone()));
      return sorted;
    }
  }

  /** The highest heap use seen, sampled every 20 ms (this JVM runs the service and the client). */
  static final class HeapSampler {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    private HeapSampler() {
      thread =
          new Thread(
              () -> {
                while (running) {
                  long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                  if (used > peak) {
                    peak = used;
                  }
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      thread.setDaemon(true);
    }

    static HeapSampler start() {
      HeapSampler sampler = new HeapSampler();
      sampler.thread.start();
      return sampler;
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak;
    }
  }

  static void report(StringBuilder report, List<Outcome> outcomes, int threads, String skipped) {
    report.append("## Disposition run\n\n");
    report.append(
        String.format(
            Locale.ROOT,
            "Records made in-process through the service's RecordStore (%d threads): for each, the"
                + " original from a spool file (storeOriginal), the extracted text (writeText), one"
                + " metadata version with recordClass %s, a documentDate on the first of a month of"
                + " 2005-2019 (spread evenly) and extraction"
                + " DONE (appendVersion, which the service's own listeners index and lock in the"
                + " store), and the dedup key (registerDuplicateKey), as filing does. Every write"
                + " is the filesystem store's (fsync'd). The service clock (MovableClockSource)"
                + " stands at %s, so every record is past its 5 years. Then, over HTTP as the"
                + " records manager: POST /api/disposition/runs {\"dryRun\":false,"
                + "\"recordClass\":\"%s\"}, timed to its answer, and POST"
                + " /api/disposition/runs/{id}/execute, timed from its answer (202) until the run"
                + " reads EXECUTED in GET /api/disposition/runs (polled every 500 ms). Before"
                + " both, a dry run over the class as of "
                + DRY_RUN_AS_OF
                + " (POST {\"dryRun\":true,\"recordClass\":\"%s\",\"asOf\":\""
                + DRY_RUN_AS_OF
                + "\"}), when one record in "
                + DATE_YEARS
                + " is past its 5 years, timed to its answer."
                + " Baseline: the record set's files (objects, lock"
                + " sidecars, dedup keys) copied to another folder, then deleted with bare"
                + " java.nio Files.delete: first each original, then everything else, folders"
                + " included (no checks, no fsync, no tombstone, no index, no audit).%n%n",
            threads,
            RECORD_CLASS,
            CLOCK_AT,
            RECORD_CLASS,
            RECORD_CLASS));
    report.append(
        "Set-up (not part of any ratio): making the records, and for a set made on /dev/shm"
            + " (tmpfs, where fsync costs nothing, to keep the set-up short) copying the service's"
            + " data and index folders to the disk (the temp folder, ext4) with the service"
            + " stopped, then restarting it there and waiting until its index catch-up has checked"
            + " every record, as after restoring a backup. Everything measured ran on the disk.\n\n");
    report.append(
        "| records | made on | make records (s) | records/s | copy to disk (s) |"
            + " restart until index checked (s) |\n| ---: | --- | ---: | ---: | ---: | ---: |\n");
    for (Outcome o : outcomes) {
      report.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %.1f | %,.0f | %.1f | %.1f |%n",
              o.records(),
              o.madeOnRamDisk() ? "/dev/shm, then copied" : "the disk",
              o.makeSeconds(),
              o.records() / o.makeSeconds(),
              o.moveSeconds(),
              o.catchUpSeconds()));
    }
    report.append("\nMeasured:\n\n");
    report.append(
        "| records | make records (s) | make the run (s) | run made, records/s | execute (s) |"
            + " executed, records destroyed/s | baseline: delete originals (s) | originals/s |"
            + " baseline: delete all files and folders (s) | records/s |\n"
            + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Outcome o : outcomes) {
      report.append(
          String.format(
              Locale.ROOT,
              "| %,d | %.1f | %.1f | %,.0f | %.1f | %,.0f | %.2f | %,.0f | %.2f | %,.0f |%n",
              o.records(),
              o.makeSeconds(),
              o.startSeconds(),
              o.startPerSecond(),
              o.executeSeconds(),
              o.executePerSecond(),
              o.baselineOriginalsSeconds(),
              o.baselineOriginalsPerSecond(),
              o.baselineOriginalsSeconds() + o.baselineRestSeconds(),
              o.baselineAllPerSecond()));
    }
    report.append("\nDry run over one class, as of " + DRY_RUN_AS_OF + ":\n\n");
    report.append(
        "| records in the class | dry run (s) | candidates | excluded | records in the class per"
            + " second of dry run |\n| ---: | ---: | ---: | ---: | ---: |\n");
    for (Outcome o : outcomes) {
      report.append(
          String.format(
              Locale.ROOT,
              "| %,d | %.2f | %,d | %,d | %,.0f |%n",
              o.records(),
              o.dryRunSeconds(),
              o.dryRunCandidates(),
              o.dryRunExcluded(),
              o.records() / o.dryRunSeconds()));
    }
    report.append("\nRatios (records per second, engine / baseline):\n\n");
    report.append(
        "| records | execute / delete originals | execute / delete all files |"
            + " make run + execute / delete originals | make run + execute / delete all files |\n"
            + "| ---: | ---: | ---: | ---: | ---: |\n");
    for (Outcome o : outcomes) {
      double engine = o.records() / (o.startSeconds() + o.executeSeconds());
      report.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s | %s | %s |%n",
              o.records(),
              ratio(o.executePerSecond(), o.baselineOriginalsPerSecond()),
              ratio(o.executePerSecond(), o.baselineAllPerSecond()),
              ratio(engine, o.baselineOriginalsPerSecond()),
              ratio(engine, o.baselineAllPerSecond())));
    }
    report.append("\nHeap (this JVM runs the service and the HTTP client; -Xmx as above):\n\n");
    report.append(
        "| records | before the run, after GC (MiB) | peak while making the run (MiB) |"
            + " peak while executing (MiB) | after, after GC (MiB) | GC time making / executing"
            + " (s) |\n| ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Outcome o : outcomes) {
      report.append(
          String.format(
              Locale.ROOT,
              "| %,d | %d | %d | %d | %d | %.1f / %.1f |%n",
              o.records(),
              o.heapBeforeMiB(),
              o.peakStartMiB(),
              o.peakExecuteMiB(),
              o.heapAfterMiB(),
              o.gcSecondsStart(),
              o.gcSecondsExecute()));
    }
    report.append("\nDetail and checks:\n\n");
    report.append(
        "| records | store before (files, MB) | candidates / excluded | destroyed / not |"
            + " record folders left | tombstones | answer sizes, run / execute (MB) |"
            + " certificate extraction after the answer | CPU making the run | CPU executing |"
            + " whole size (min) |\n"
            + "| ---: | --- | --- | --- | ---: | ---: | --- | --- | --- | --- | ---: |\n");
    for (Outcome o : outcomes) {
      report.append(
          String.format(
              Locale.ROOT,
              "| %,d | %,d, %.0f | %,d / %,d | %,d / %,d%s | %d | %,d | %.1f / %.1f | %s, %.1f s |"
                  + " %s | %s | %.1f |%n",
              o.records(),
              o.storeFiles(),
              o.storeBytes() / 1e6,
              o.candidates(),
              o.excluded(),
              o.destroyed(),
              o.notDestroyed(),
              o.firstFailure() == null ? "" : " (first: " + o.firstFailure() + ")",
              o.recordFoldersLeft(),
              o.tombstones(),
              o.startResponseBytes() / 1e6,
              o.executeResponseBytes() / 1e6,
              o.certificateExtraction(),
              o.certificateSeconds(),
              o.cpuStart(),
              o.cpuExecute(),
              o.wholeMinutes()));
    }
    report.append("\n");
    for (Outcome o : outcomes) {
      profile(report, o.records(), "making the run", o.startProfile());
      profile(report, o.records(), "executing the run", o.executeProfile());
      long total = o.executeActivities().values().stream().mapToLong(c -> c[0]).sum();
      if (total > 0) {
        report.append(
            String.format(
                Locale.ROOT,
                "The same samples of executing the run at %,d records by what the thread was doing"
                    + " (innermost frame that tells; a thread waiting for a core is counted where"
                    + " it stands):%n%n| activity | share of the samples |%n| --- | ---: |%n",
                o.records()));
        o.executeActivities()
            .forEach(
                (activity, counts) ->
                    report.append(
                        String.format(
                            Locale.ROOT,
                            "| %s | %.1f %% |%n",
                            activity,
                            100.0 * counts[0] / total)));
        report.append("\n");
      }
    }
    if (skipped != null) {
      report.append(skipped).append("\n\n");
    }
  }

  private static void profile(
      StringBuilder report, int records, String what, Map<String, long[]> profile) {
    long total = profile.values().stream().mapToLong(c -> c[0]).sum();
    if (total == 0) {
      return;
    }
    report.append(
        String.format(
            Locale.ROOT,
            "Where the request thread spent its time %s at %,d records (%,d stack samples, one"
                + " every 50 ms; the step is the method the sampled one called; steps under 1 %%"
                + " left out):%n%n",
            what,
            records,
            total));
    report.append("| step | share of the samples | of which in fsync (FileChannel.force) |\n");
    report.append("| --- | ---: | ---: |\n");
    profile.forEach(
        (step, counts) -> {
          if (counts[0] * 100 >= total) {
            report.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.1f %% | %.1f %% |%n",
                    step,
                    100.0 * counts[0] / total,
                    100.0 * counts[1] / total));
          }
        });
    long fsync = profile.values().stream().mapToLong(c -> c[1]).sum();
    report.append(
        String.format(
            Locale.ROOT, "| **all steps** | 100 %% | %.1f %% |%n%n", 100.0 * fsync / total));
  }

  private static String ratio(double engine, double baseline) {
    double ratio = engine / baseline;
    return ratio < 1
        ? String.format(Locale.ROOT, "%.3f (%.0f× slower)", ratio, 1 / ratio)
        : String.format(Locale.ROOT, "%.3f (%.1f× faster)", ratio, ratio);
  }
}
