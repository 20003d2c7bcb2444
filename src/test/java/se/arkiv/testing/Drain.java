package se.arkiv.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import se.arkiv.testing.ArkivClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * Watches filed records until none is PENDING, asking the service (not the index) for each record's
 * extraction. Only records still pending are asked again.
 */
public final class Drain {

  /** A finished record: its file and the record's {@code extraction} as the API shows it. */
  public record Finished(String id, HostileFile file, JsonNode extraction) {

    public String status() {
      return extraction.get("status").asString();
    }

    public Instant finishedAt() {
      JsonNode at = extraction.get("finishedAt");
      return at == null || at.isNull() ? null : Instant.parse(at.asString());
    }
  }

  /** An estimate of one record's extraction time: the gap before it finished (see slowest). */
  public record Gap(HostileFile file, String status, Duration before) {}

  private final ArkivClient client;
  private final String user;
  private final Map<String, HostileFile> pending;
  private final Map<String, Finished> finished = new LinkedHashMap<>();

  public Drain(ArkivClient client, String user, Map<String, HostileFile> records) {
    this.client = client;
    this.user = user;
    this.pending = new LinkedHashMap<>(records);
  }

  /** Asks once for every record still pending; returns how many still are. */
  public synchronized int poll() {
    drained(Integer.MAX_VALUE);
    return pending.size();
  }

  /**
   * Asks for the records still pending, in the order they were filed, until {@code enough} of them
   * are found still pending; true when none is. Records are mostly extracted in filing order, so
   * while hundreds wait this costs the service a few requests a poll, not one per record (which
   * took the service more CPU than the filings did).
   */
  public synchronized boolean drained(int enough) {
    int found = 0;
    for (var it = pending.entrySet().iterator(); it.hasNext() && found < enough; ) {
      var entry = it.next();
      if (stillPending(entry.getKey(), entry.getValue())) {
        found++;
      } else {
        it.remove();
      }
    }
    return pending.isEmpty();
  }

  private boolean stillPending(String id, HostileFile file) {
    Response record = client.get("/api/records/" + id, user);
    if (record.status() != 200) {
      throw new AssertionError(
          file.label() + ": GET answered " + record.status() + " " + record.text());
    }
    JsonNode extraction = record.json().get("extraction");
    if ("PENDING".equals(extraction.get("status").asString())) {
      return true;
    }
    finished.put(id, new Finished(id, file, extraction));
    return false;
  }

  public synchronized List<Finished> finished() {
    return List.copyOf(finished.values());
  }

  /** The files still pending, for a failure message: the first 40 and the count. */
  public synchronized String describePending() {
    String names =
        pending.values().stream()
            .limit(40)
            .map(HostileFile::label)
            .collect(Collectors.joining(", "));
    return pending.size() + " records still PENDING: " + names + (pending.size() > 40 ? ", …" : "");
  }

  /**
   * The records that finished after the longest gaps. With one extraction thread the gap before a
   * record finished is about the time its extraction took; with more it is a lower bound.
   */
  public synchronized List<Gap> slowest(int count) {
    List<Finished> inOrder =
        finished.values().stream()
            .filter(f -> f.finishedAt() != null)
            .sorted(Comparator.comparing(Finished::finishedAt))
            .toList();
    List<Gap> gaps = new ArrayList<>();
    for (int i = 1; i < inOrder.size(); i++) {
      Finished record = inOrder.get(i);
      gaps.add(
          new Gap(
              record.file(),
              record.status(),
              Duration.between(inOrder.get(i - 1).finishedAt(), record.finishedAt())));
    }
    gaps.sort(Comparator.comparing(Gap::before).reversed());
    return gaps.subList(0, Math.min(count, gaps.size()));
  }

  /**
   * What a reader of a test's output needs to act on: how long since filing, the outcomes with
   * their reasons, and the slowest files.
   */
  public synchronized String summary(long filedNanos) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "After %.1f s: %d finished, %s%n",
            (System.nanoTime() - filedNanos) / 1e9,
            finished.size(),
            describePending()));
    Map<String, Long> outcomes =
        finished.values().stream()
            .collect(Collectors.groupingBy(Drain::outcome, TreeMap::new, Collectors.counting()));
    outcomes.forEach((outcome, n) -> text.append(String.format("  %4d × %s%n", n, outcome)));
    text.append("Slowest (gap before each finished):\n");
    for (Gap gap : slowest(15)) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %6.1f s  %s  %s%n",
              gap.before().toMillis() / 1000.0,
              gap.status(),
              gap.file().label()));
    }
    return text.toString();
  }

  private static String outcome(Finished record) {
    JsonNode reason = record.extraction().get("reason");
    boolean truncated = record.extraction().get("truncated").asBoolean();
    return record.status()
        + (truncated ? " truncated" : "")
        + (reason == null || reason.isNull() ? "" : " " + reason.asString());
  }
}
