package se.arkiv.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import se.arkiv.testing.ArkivClient.Response;

/**
 * Another user's view while the archive is busy: every second, one search by that user and one
 * health check, each timed. Scheduled at a fixed rate on one thread, so a slow answer delays the
 * next probe instead of piling probes up.
 */
public final class Probe implements AutoCloseable {

  /** One probe: when (seconds since start), the search's status and time, the health answer. */
  public record Sample(
      double at, int searchStatus, long searchNanos, int healthStatus, String health) {}

  private final ArkivClient client;
  private final String user;
  private final String query;
  private final long started = System.nanoTime();
  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  private Probe(ArkivClient client, String user, String query) {
    this.client = client;
    this.user = user;
    this.query = query;
  }

  public static Probe start(ArkivClient client, String user, String query, Duration every) {
    Probe probe = new Probe(client, user, query);
    probe.timer.scheduleAtFixedRate(probe::once, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return probe;
  }

  private void once() {
    long begin = System.nanoTime();
    int searchStatus;
    try {
      searchStatus = client.search(user, "q", query).status();
    } catch (RuntimeException e) {
      searchStatus = -1; // no answer at all (refused, reset, timed out)
    }
    long searchNanos = System.nanoTime() - begin;
    int healthStatus;
    String health;
    try {
      Response answer = client.get("/actuator/health", null);
      healthStatus = answer.status();
      health = answer.status() < 500 ? answer.json().get("status").asString() : answer.text();
    } catch (RuntimeException e) {
      healthStatus = -1;
      health = e.toString();
    }
    Sample sample =
        new Sample((begin - started) / 1e9, searchStatus, searchNanos, healthStatus, health);
    synchronized (samples) {
      samples.add(sample);
    }
  }

  public List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(2, TimeUnit.MINUTES);
  }

  /** One line for a test's output: how many probes, the search's median and slowest time. */
  public String describe() {
    List<Sample> all = samples();
    long[] nanos = all.stream().mapToLong(Sample::searchNanos).sorted().toArray();
    long failed = all.stream().filter(s -> s.searchStatus() != 200).count();
    long notUp = all.stream().filter(s -> !"UP".equals(s.health())).count();
    return String.format(
        Locale.ROOT,
        "%d probes: search median %.0f ms, slowest %.0f ms; %d searches not 200, %d health not UP",
        all.size(),
        nanos.length == 0 ? Double.NaN : nanos[nanos.length / 2] / 1e6,
        nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6,
        failed,
        notUp);
  }
}
