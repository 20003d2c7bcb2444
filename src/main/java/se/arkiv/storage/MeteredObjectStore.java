package se.arkiv.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every object store call timed as {@code arkiv.store.calls}, tagged with the operation and its
 * outcome ({@code ok}, or the exception's simple name such as {@code StorageUnavailable} or {@code
 * ObjectLocked}), whichever adapter is behind it. A read is timed to its first byte: the stream is
 * the caller's to drain.
 */
final class MeteredObjectStore implements ObjectStore {

  private final ObjectStore store;
  private final MeterRegistry registry;

  MeteredObjectStore(ObjectStore store, MeterRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long started = System.nanoTime();
    String outcome = "ok";
    try {
      return call.get();
    } catch (RuntimeException e) {
      outcome = e.getClass().getSimpleName();
      throw e;
    } finally {
      Timer.builder("arkiv.store.calls")
          .description("Object store calls by operation and outcome")
          .tag("operation", operation)
          .tag("outcome", outcome)
          .register(registry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  private void timed(String operation, Runnable call) {
    timed(
        operation,
        () -> {
          call.run();
          return null;
        });
  }

  @Override
  public ObjectInfo create(String key, Path content) {
    return timed("create", () -> store.create(key, content));
  }

  @Override
  public ObjectInfo create(String key, byte[] content) {
    return timed("create", () -> store.create(key, content));
  }

  @Override
  public ObjectInfo replace(String key, byte[] content) {
    return timed("replace", () -> store.replace(key, content));
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return timed("stat", () -> store.stat(key));
  }

  @Override
  public InputStream get(String key) {
    return timed("get", () -> store.get(key));
  }

  @Override
  public InputStream getRange(String key, long offset, long length) {
    return timed("get", () -> store.getRange(key, offset, length));
  }

  @Override
  public InputStream get(String key, String versionId) {
    return timed("get", () -> store.get(key, versionId));
  }

  @Override
  public InputStream getRange(String key, String versionId, long offset, long length) {
    return timed("get", () -> store.getRange(key, versionId, offset, length));
  }

  /** Timed until the listing is answered; adapters that page lazily are timed to the first page. */
  @Override
  public Stream<String> list(String prefix) {
    return timed("list", () -> store.list(prefix));
  }

  @Override
  public void delete(String key) {
    timed("delete", () -> store.delete(key));
  }

  @Override
  public void deleteAll(List<String> keys) {
    timed("delete", () -> store.deleteAll(keys));
  }

  @Override
  public void extendRetention(String key, Instant until) {
    timed("retention", () -> store.extendRetention(key, until));
  }

  @Override
  public Optional<Instant> retainedUntil(String key) {
    return timed("retention", () -> store.retainedUntil(key));
  }

  @Override
  public void legalHold(String key, boolean on) {
    timed("legal-hold", () -> store.legalHold(key, on));
  }

  @Override
  public boolean underLegalHold(String key) {
    return timed("legal-hold", () -> store.underLegalHold(key));
  }

  @Override
  public List<ObjectVersion> versions(String prefix) {
    return timed("versions", () -> store.versions(prefix));
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void checkServing() {
    timed("health", store::checkServing);
  }

  @Override
  public String lockEnforcement() {
    return store.lockEnforcement();
  }
}
