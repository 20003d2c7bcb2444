package se.arkiv.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import se.arkiv.audit.AuditEvent;
import se.arkiv.audit.GeneratedTrail;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.LegalHold;
import se.arkiv.retention.RetentionEvent;
import se.arkiv.storage.GeneratedKeys;
import se.arkiv.storage.RecordLayout;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a realistic archive of N records straight into a filesystem store ({@code
 * <data-dir>/objects/}), as filing and extraction leave it: original (text/plain), metadata
 * versions 1 (filed) and 2 (text extracted), {@code text.txt}, {@code dedup/<key>}; a few legal
 * holds and retention events; and a sealed, chained audit trail of {@link #AUDIT_PER_RECORD}
 * entries per record. Everything is a function of the seed: record i is made from its own seeded
 * {@link SplittableRandom}, whatever thread makes it, and every time comes from a clock fixed by
 * the seed. Objects are written as plain files, without the store's fsyncs and without lock
 * sidecars; the service started on the folder rebuilds its index from them.
 *
 * <p>Run by {@code scripts/generate-archive}: {@code --records N --seed S --data-dir DIR}.
 */
public final class ArchiveGenerator {

  static final int AUDIT_PER_RECORD = 10;
  private static final int CHUNK = 500;
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final Duration SPAN = Duration.ofDays(15 * 365);
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String[] CLERKS = {"clara", "kjell", "britt", "sanna"};
  private static final String[] AUDITORS = {"aud", "revisor", "granskare"};
  private static final String[] COUNTERPARTIES = {
    "Nordea Bank Abp",
    "Handelsbanken AB",
    "SEB AB",
    "Swedbank AB",
    "Danske Bank A/S",
    "Vattenfall AB",
    "Telia Company AB",
    "Ikea Svenska AB",
    "Volvo Car AB",
    "Atea Sverige AB",
    "Tieto Sweden AB",
    "Postnord Sverige AB",
    "Skanska Sverige AB",
    "Clearstream Banking SA",
    "Euroclear Sweden AB",
    "Nasdaq Stockholm AB"
  };

  /** A record class of the file plan, how common it is, who files it and the keys it carries. */
  record Kind(String code, int weight, String[] departments, String keys, String sv, String en) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind("ACC-VOUCHER", 24, new String[] {"ACCOUNTING"}, "p", "Verifikation", "Voucher"),
          new Kind(
              "PAYMENT-ORDER",
              18,
              new String[] {"PAYMENTS"},
              "cap",
              "Betalningsorder",
              "Payment order"),
          new Kind(
              "TRADE-CONFIRMATION",
              12,
              new String[] {"TRADING", "TREASURY"},
              "cap",
              "Avräkningsnota",
              "Trade confirmation"),
          new Kind(
              "CORRESPONDENCE",
              10,
              new String[] {"CUSTOMER-SERVICE"},
              "cx",
              "Kundbrev",
              "Customer letter"),
          new Kind("PAYROLL", 8, new String[] {"PAYROLL"}, "e", "Lönespecifikation", "Payslip"),
          new Kind(
              "EXPENSE",
              8,
              new String[] {"ACCOUNTING", "PAYROLL"},
              "e",
              "Reseräkning",
              "Expense report"),
          new Kind(
              "KYC",
              6,
              new String[] {"COMPLIANCE"},
              "cx",
              "Kundkännedom",
              "Customer due diligence"),
          new Kind(
              "ACCOUNT-AGREEMENT",
              6,
              new String[] {"CUSTOMER-SERVICE"},
              "ca",
              "Kontoavtal",
              "Account agreement"),
          new Kind(
              "TAX-STATEMENT",
              5,
              new String[] {"PAYROLL", "TAX"},
              "e",
              "Kontrolluppgift",
              "Tax statement"),
          new Kind("HR-FILE", 3, new String[] {"HR"}, "e", "Personalakt", "Personnel file"));

  private static final int WEIGHTS = KINDS.stream().mapToInt(Kind::weight).sum();

  /** What was written: records by class, holds (id to record ids), events, audit entries. */
  public record Summary(
      int records,
      Map<String, Integer> byClass,
      Map<String, List<String>> holds,
      List<String> releasedHolds,
      int events,
      long auditEntries,
      double seconds) {}

  private final long seed;
  private final int records;
  private final Path objects;
  private final Instant start;
  private final long stepMillis;
  private final int customers;
  private final int employees;

  ArchiveGenerator(long seed, int records, Path dataDir) {
    this.seed = seed;
    this.records = records;
    this.objects = dataDir.resolve("objects");
    // The fixed clock: fifteen years of filings, ending on a day the seed picks in early 2026.
    Instant end =
        Instant.parse("2026-01-01T06:00:00Z").plus(Duration.ofDays(Math.floorMod(seed, 90)));
    this.start = end.minus(SPAN);
    this.stepMillis = Math.max(1, SPAN.toMillis() / Math.max(1, records));
    this.customers = Math.max(40, records / 8);
    this.employees = Math.max(15, records / 60);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (!options.containsKey("data-dir")
        || args.length % 2 != 0
        || !List.of("records", "seed", "data-dir", "threads").containsAll(options.keySet())) {
      System.err.println(
          "Usage: generate-archive --records N --seed S --data-dir DIR [--threads N]");
      System.exit(2);
    }
    int records = Integer.parseInt(options.getOrDefault("records", "10000"));
    long seed = Long.parseLong(options.getOrDefault("seed", "20260101"));
    int threads =
        Integer.parseInt(
            options.getOrDefault(
                "threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    Summary summary = generate(seed, records, Path.of(options.get("data-dir")), threads);
    System.out.printf(
        Locale.ROOT,
        "Wrote %d records (%s), %d holds, %d retention events and %d audit entries in %.1f s:"
            + " %.0f records/s on %d threads%n",
        summary.records(),
        summary.byClass(),
        summary.holds().size(),
        summary.events(),
        summary.auditEntries(),
        summary.seconds(),
        summary.records() / summary.seconds(),
        threads);
  }

  /** Writes the archive into {@code dataDir}, which must hold no store yet. */
  public static Summary generate(long seed, int records, Path dataDir, int threads)
      throws Exception {
    if (Files.exists(dataDir.resolve("objects").resolve("records"))) {
      throw new IllegalStateException(dataDir + " holds records already; give an empty folder");
    }
    return new ArchiveGenerator(seed, records, dataDir).run(threads);
  }

  private Summary run(int threads) throws Exception {
    long began = System.nanoTime();
    Files.createDirectories(objects.resolve(RecordLayout.RECORDS));
    Files.createDirectories(objects.resolve("dedup"));
    GeneratedTrail trail = new GeneratedTrail(objects, 1000);
    Map<String, Integer> byClass = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      ArrayDeque<Future<Chunk>> window = new ArrayDeque<>();
      int next = 0;
      while (next < records || !window.isEmpty()) {
        while (next < records && window.size() < threads * 3) {
          int from = next;
          int to = Math.min(records, from + CHUNK);
          window.add(pool.submit(() -> chunk(from, to)));
          next = to;
        }
        Chunk done = window.removeFirst().get();
        for (int i = 0; i < done.audit.length; i++) {
          trail.append(done.audit[i], done.times[i]);
        }
        done.byClass.forEach((k, v) -> byClass.merge(k, v, Integer::sum));
      }
    } finally {
      pool.shutdown();
    }
    Retention retention = retention(trail);
    trail.finish();
    return new Summary(
        records,
        byClass,
        retention.holds,
        retention.released,
        retention.events,
        trail.entries(),
        (System.nanoTime() - began) / 1e9);
  }

  /** Records [from, to), written; their audit entries, unchained, in trail order. */
  private record Chunk(String[] audit, Instant[] times, Map<String, Integer> byClass) {}

  private Chunk chunk(int from, int to) throws IOException {
    MessageDigest sha256 = sha256();
    int n = to - from;
    String[] audit = new String[n * AUDIT_PER_RECORD];
    Instant[] times = new Instant[n * AUDIT_PER_RECORD];
    Map<String, Integer> byClass = new TreeMap<>();
    for (int i = from; i < to; i++) {
      RecordMetadata record = writeRecord(i, sha256);
      byClass.merge(record.recordClass(), 1, Integer::sum);
      auditOf(i, record, audit, times, (i - from) * AUDIT_PER_RECORD);
    }
    return new Chunk(audit, times, byClass);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SplittableRandom random(long seed, long stream) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  /** Record i's filing time and id: the first draws of its random, so they can be made alone. */
  private record Identity(Instant filedAt, RecordId id) {}

  private Identity identity(int i, SplittableRandom random) {
    Instant filedAt = start.plusMillis(i * stepMillis + random.nextLong(stepMillis));
    return new Identity(filedAt, uuid7(filedAt, random));
  }

  private static RecordId uuid7(Instant at, SplittableRandom random) {
    long msb = (at.toEpochMilli() << 16) | (0x7L << 12) | random.nextInt(1 << 12);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new RecordId(new UUID(msb, lsb).toString());
  }

  private RecordId idOf(int i) {
    return identity(i, random(seed, i)).id();
  }

  private RecordMetadata writeRecord(int i, MessageDigest sha256) throws IOException {
    SplittableRandom random = random(seed, i);
    Identity identity = identity(i, random);
    Instant filedAt = identity.filedAt();
    Kind kind = kind(random);
    boolean swedish = random.nextInt(100) < 65;
    String department = kind.departments()[random.nextInt(kind.departments().length)];
    LocalDate documentDate = filedAt.atZone(STOCKHOLM).toLocalDate().minusDays(random.nextInt(45));
    BusinessKeys keys = keys(kind, random, documentDate);
    String keyText = String.join(" ", keys.present().values());
    String title = (swedish ? kind.sv() : kind.en()) + " " + documentDate + " " + keyText;
    String heading = title + "\n" + keyLines(keys, swedish);
    int characters = 300 + (int) Math.min(4000, -Math.log(1 - random.nextDouble()) * 1100);
    String text = BackOfficeText.text(random, kind.code(), swedish, heading, characters);
    byte[] original = text.getBytes(StandardCharsets.UTF_8);
    String fileName =
        (kind.en() + "-" + documentDate + "-" + (i + 1)).toLowerCase(Locale.ROOT).replace(' ', '-')
            + ".txt";
    String clerk = CLERKS[random.nextInt(CLERKS.length)];
    LocalDate fiscalYearEnd =
        "ACC-VOUCHER PAYROLL EXPENSE".contains(kind.code())
            ? LocalDate.of(documentDate.getYear(), 12, 31)
            : null;
    RecordMetadata filed =
        new RecordMetadata(
            RecordMetadata.SCHEMA_VERSION,
            identity.id(),
            1,
            kind.code(),
            title,
            fileName,
            "text/plain",
            original.length,
            HexFormat.of().formatHex(sha256.digest(original)),
            department,
            documentDate,
            fiscalYearEnd,
            keys,
            List.of(),
            filedAt,
            clerk,
            Extraction.pending(),
            filedAt,
            clerk,
            "filed",
            null);
    Instant extractedAt = filedAt.plusMillis(400 + random.nextInt(3000));
    RecordMetadata extracted =
        filed.withExtraction(
            new Extraction(
                ExtractionStatus.DONE,
                null,
                swedish ? "sv" : "en",
                text.length(),
                false,
                extractedAt),
            extractedAt,
            "arkiv-extraction",
            "text extracted");
    Path folder = objects.resolve(RecordLayout.folder(identity.id()));
    // The parent folders exist: one mkdir each, without createDirectories' checks.
    Files.createDirectory(folder);
    Files.createDirectory(objects.resolve(RecordLayout.metadataFolder(identity.id())));
    write(RecordLayout.original(identity.id()), original);
    write(RecordLayout.metadataVersion(identity.id(), 1), JSON.writeValueAsBytes(filed));
    write(RecordLayout.text(identity.id()), original);
    write(RecordLayout.metadataVersion(identity.id(), 2), JSON.writeValueAsBytes(extracted));
    write(
        GeneratedKeys.duplicate(filed.sha256(), kind.code(), department, keys),
        identity.id().value().getBytes(StandardCharsets.US_ASCII));
    return extracted;
  }

  private void write(String key, byte[] bytes) throws IOException {
    Files.write(objects.resolve(key), bytes);
  }

  private static Kind kind(SplittableRandom random) {
    int roll = random.nextInt(WEIGHTS);
    for (Kind kind : KINDS) {
      roll -= kind.weight();
      if (roll < 0) {
        return kind;
      }
    }
    throw new IllegalStateException();
  }

  /** The keys a class carries: c customer, a account, p counterparty, e employee, x case. */
  private BusinessKeys keys(Kind kind, SplittableRandom random, LocalDate date) {
    String spec = kind.keys();
    int customer = random.nextInt(customers);
    String customerId = spec.contains("c") ? customerId(customer) : null;
    String accountId = spec.contains("a") ? accountId(customer, random.nextInt(3)) : null;
    String counterparty =
        spec.contains("p") ? COUNTERPARTIES[random.nextInt(COUNTERPARTIES.length)] : null;
    String employeeId = spec.contains("e") ? employeeId(random.nextInt(employees)) : null;
    String caseId =
        spec.contains("x")
            ? "CASE-" + date.getYear() + "-" + (10000 + random.nextInt(90000))
            : null;
    return new BusinessKeys(customerId, accountId, employeeId, counterparty, caseId);
  }

  static String customerId(int customer) {
    return "K" + (100000 + customer);
  }

  static String accountId(int customer, int account) {
    return "8327-" + (1000000 + customer * 3L + account);
  }

  static String employeeId(int employee) {
    return "E" + (10000 + employee);
  }

  private static String keyLines(BusinessKeys keys, boolean swedish) {
    StringBuilder lines = new StringBuilder();
    Map<String, String> labels =
        swedish
            ? Map.of(
                "customerId",
                "Kundnummer",
                "accountId",
                "Kontonummer",
                "employeeId",
                "Anställningsnummer",
                "counterparty",
                "Motpart",
                "caseId",
                "Ärende")
            : Map.of(
                "customerId",
                "Customer no.",
                "accountId",
                "Account no.",
                "employeeId",
                "Employee no.",
                "counterparty",
                "Counterparty",
                "caseId",
                "Case");
    keys.present()
        .forEach((k, v) -> lines.append(labels.get(k)).append(": ").append(v).append('\n'));
    return lines.toString();
  }

  /** The record's audit entries: filed, then searches, views, text reads and downloads. */
  private void auditOf(int i, RecordMetadata record, String[] audit, Instant[] times, int at) {
    SplittableRandom random = random(seed, -1L - i);
    long base = (long) i * AUDIT_PER_RECORD;
    Instant time = record.filedAt();
    String id = record.id().value();
    for (int j = 0; j < AUDIT_PER_RECORD; j++) {
      AuditEvent event;
      if (j == 0) {
        event =
            event(
                record.filedBy(),
                "CLERK",
                "record.file",
                id,
                Map.of(
                    "recordClass", record.recordClass(),
                    "sha256", record.sha256(),
                    "size", record.size()));
      } else {
        time = time.plusSeconds(1 + random.nextInt(Math.max(1, (int) (stepMillis / 20_000))));
        String auditor = AUDITORS[random.nextInt(AUDITORS.length)];
        int roll = random.nextInt(100);
        if (roll < 35) {
          Map<String, Object> details = new LinkedHashMap<>();
          List<String> values = new ArrayList<>(record.keys().present().values());
          details.put("q", values.isEmpty() ? record.title() : values.get(0));
          details.put("filters", Map.of("recordClass", List.of(record.recordClass())));
          details.put("hits", 1 + random.nextInt(40));
          event = event(auditor, "AUDITOR", "search", null, details);
        } else if (roll < 75) {
          event = event(auditor, "AUDITOR", "record.view", id, Map.of());
        } else if (roll < 90) {
          event = event(auditor, "AUDITOR", "record.text", id, Map.of());
        } else {
          event = event(auditor, "AUDITOR", "record.download", id, Map.of("range", "whole"));
        }
      }
      audit[at + j] = GeneratedTrail.unchained(base + j + 1, time, event);
      times[at + j] = time;
    }
  }

  private static AuditEvent event(
      String actor, String role, String action, String target, Map<String, Object> details) {
    return new AuditEvent(
        actor,
        List.of(role),
        "10.20.1." + (10 + Math.floorMod(actor.hashCode(), 200)),
        action,
        target,
        AuditEvent.Outcome.SUCCESS,
        null,
        details,
        null,
        null);
  }

  private record Retention(Map<String, List<String>> holds, List<String> released, int events) {}

  /**
   * A few legal holds on explicit records (one of them released again) and retention events on the
   * generated keys, stored as the retention module stores them and audited after the records.
   */
  private Retention retention(GeneratedTrail trail) throws IOException {
    SplittableRandom random = random(seed, Long.MIN_VALUE);
    Instant at = start.plus(SPAN).plusSeconds(3600);
    Map<String, List<String>> holds = new LinkedHashMap<>();
    List<String> released = new ArrayList<>();
    int holdCount = 3 + records / 200_000;
    for (int h = 0; h < holdCount; h++) {
      at = at.plusSeconds(600 + random.nextInt(3600));
      List<String> ids = new ArrayList<>();
      int covered = 2 + random.nextInt(8);
      for (int k = 0; k < covered && records > 0; k++) {
        String id = idOf(random.nextInt(records)).value();
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
      String caseReference =
          "TVIST-" + (2020 + random.nextInt(6)) + "-" + (100 + random.nextInt(900));
      LegalHold hold =
          new LegalHold(
              1,
              uuid7(at, random).value(),
              "Tvist " + caseReference,
              "Pågående rättsprocess; handlingar får inte gallras",
              caseReference,
              null,
              ids,
              at,
              "maja",
              null,
              null,
              null);
      writeVersion("holds/" + hold.id(), 1, hold);
      managerAudit(
          trail,
          at,
          "maja",
          "hold.place",
          hold.id(),
          Map.of(
              "name",
              hold.name(),
              "reason",
              hold.reason(),
              "caseReference",
              caseReference,
              "query",
              "null",
              "recordIds",
              ids));
      holds.put(hold.id(), ids);
      if (h == holdCount - 1) {
        at = at.plusSeconds(86_400);
        writeVersion("holds/" + hold.id(), 2, released(hold, at));
        managerAudit(
            trail, at, "mats", "hold.release", hold.id(), Map.of("reason", "Målet avgjort"));
        released.add(hold.id());
      }
    }
    int events = 3 + records / 1000;
    String[] types = {"ACCOUNT_CLOSED", "EMPLOYMENT_ENDED", "CUSTOMER_RELATIONSHIP_ENDED"};
    for (int e = 0; e < events; e++) {
      at = at.plusSeconds(60 + random.nextInt(600));
      String type = types[e % types.length];
      int customer = random.nextInt(customers);
      BusinessKeys keys =
          switch (type) {
            case "ACCOUNT_CLOSED" ->
                new BusinessKeys(null, accountId(customer, random.nextInt(3)), null, null, null);
            case "EMPLOYMENT_ENDED" ->
                new BusinessKeys(null, null, employeeId(random.nextInt(employees)), null, null);
            default -> new BusinessKeys(customerId(customer), null, null, null, null);
          };
      LocalDate effective = at.atZone(STOCKHOLM).toLocalDate().minusDays(random.nextInt(3000));
      RetentionEvent event =
          new RetentionEvent(
              1,
              uuid7(at, random).value(),
              type,
              keys,
              effective,
              "REF-" + (100000 + random.nextInt(900000)),
              at,
              "maja",
              null,
              null,
              null,
              null);
      writeVersion("events/" + event.id(), 1, event);
      managerAudit(
          trail,
          at,
          "maja",
          "event.record",
          event.id(),
          Map.of(
              "type", type,
              "keys", keys.present(),
              "effectiveDate", effective.toString(),
              "reference", event.reference()));
    }
    return new Retention(holds, released, events);
  }

  /** The audit entry of a records manager's hold or event, next in the trail. */
  private static void managerAudit(
      GeneratedTrail trail,
      Instant at,
      String manager,
      String action,
      String target,
      Map<String, Object> details)
      throws IOException {
    AuditEvent event = event(manager, "RECORDS_MANAGER", action, target, details);
    trail.append(GeneratedTrail.unchained(trail.entries() + 1, at, event), at);
  }

  private static LegalHold released(LegalHold hold, Instant at) {
    return new LegalHold(
        hold.schemaVersion(),
        hold.id(),
        hold.name(),
        hold.reason(),
        hold.caseReference(),
        hold.query(),
        hold.recordIds(),
        hold.placedAt(),
        hold.placedBy(),
        at,
        "mats",
        "Målet avgjort");
  }

  private void writeVersion(String folder, int version, Object document) throws IOException {
    Path file = objects.resolve(folder).resolve(String.format("%06d.json", version));
    Files.createDirectories(file.getParent());
    Files.write(file, JSON.writeValueAsBytes(document));
  }
}
