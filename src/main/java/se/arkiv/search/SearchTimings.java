package se.arkiv.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code arkiv.search} timed by the kind of query, because a browse of everything, a few words, a
 * fielded query and a wildcard cost very differently, and one figure for all of them hides which
 * one got slow. The kind is derived from the query's shape, never from its words.
 */
final class SearchTimings {

  private final MeterRegistry registry;

  SearchTimings(MeterRegistry registry) {
    this.registry = registry;
  }

  <T> T time(SearchQuery query, Supplier<T> search) {
    long started = System.nanoTime();
    String outcome = "ok";
    try {
      return search.get();
    } catch (InvalidQuery e) {
      outcome = "invalid";
      throw e;
    } finally {
      Timer.builder("arkiv.search")
          .description("Searches by query kind")
          .tag("kind", kind(query))
          .tag("outcome", outcome)
          .publishPercentiles(0.5, 0.99)
          .register(registry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  /** browse (no words), words, fielded (a field:value), pattern (wildcard, fuzzy, regexp). */
  static String kind(SearchQuery query) {
    String q = query.q() == null ? "" : query.q().strip();
    if (q.isEmpty()) {
      return "browse";
    }
    if (q.indexOf('*') >= 0 || q.indexOf('?') >= 0 || q.indexOf('~') >= 0 || q.indexOf('/') >= 0) {
      return "pattern";
    }
    return q.indexOf(':') >= 0 ? "fielded" : "words";
  }
}
