package se.arkiv.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;

/**
 * Replaces the object store with the real filesystem store wrapped so that deletes of chosen
 * records are refused, as a WORM store or a permission would refuse them. A plain class so that
 * component scanning never picks it up; tests add it as a source.
 */
public class RefusingDeletesSource {

  /** Record ids whose objects the store refuses to delete. */
  public static final Set<String> PROTECTED = ConcurrentHashMap.newKeySet();

  /** Record ids whose original takes two seconds to delete, as over a slow link. */
  public static final Set<String> SLOW = ConcurrentHashMap.newKeySet();

  @Bean
  ObjectStore objectStore(StorageSettings settings, Clock clock) {
    ObjectStore real = new FilesystemObjectStore(settings.objectsDir(), clock);
    return new ObjectStore() {
      @Override
      public ObjectInfo create(String key, Path content) {
        return real.create(key, content);
      }

      @Override
      public ObjectInfo create(String key, byte[] content) {
        return real.create(key, content);
      }

      @Override
      public ObjectInfo replace(String key, byte[] content) {
        return real.replace(key, content);
      }

      @Override
      public Optional<ObjectInfo> stat(String key) {
        return real.stat(key);
      }

      @Override
      public InputStream get(String key) {
        return real.get(key);
      }

      @Override
      public InputStream getRange(String key, long offset, long length) {
        return real.getRange(key, offset, length);
      }

      @Override
      public Stream<String> list(String prefix) {
        return real.list(prefix);
      }

      @Override
      public void delete(String key) {
        if (PROTECTED.stream().anyMatch(id -> key.contains(id))) {
          throw new StorageUnavailable(
              "Access Denied: object is WORM protected: " + key, new RuntimeException());
        }
        if (key.endsWith("/original") && SLOW.stream().anyMatch(id -> key.contains(id))) {
          try {
            Thread.sleep(2000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        real.delete(key);
      }

      @Override
      public void extendRetention(String key, Instant until) {
        real.extendRetention(key, until);
      }

      @Override
      public Optional<Instant> retainedUntil(String key) {
        return real.retainedUntil(key);
      }

      @Override
      public void legalHold(String key, boolean on) {
        real.legalHold(key, on);
      }

      @Override
      public boolean underLegalHold(String key) {
        return real.underLegalHold(key);
      }

      @Override
      public String describe() {
        return "refusing " + real.describe();
      }
    };
  }
}
