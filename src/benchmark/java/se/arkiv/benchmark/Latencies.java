package se.arkiv.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Durations of one kind of operation, in nanoseconds, and their nearest-rank percentiles. */
final class Latencies {

  private long[] nanos = new long[64];
  private int count;

  synchronized void add(long duration) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = duration;
  }

  synchronized int count() {
    return count;
  }

  /** Nearest rank: the smallest sample with at least {@code p} of the samples at or below it. */
  synchronized double percentileMs(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  synchronized double maxMs() {
    return percentileMs(1.0);
  }

  synchronized double meanMs() {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += nanos[i];
    }
    return count == 0 ? Double.NaN : sum / 1e6 / count;
  }

  synchronized void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      add(other.nanos[i]);
    }
  }

  static String ms(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value);
  }
}
