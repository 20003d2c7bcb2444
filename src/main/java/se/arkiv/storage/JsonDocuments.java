package se.arkiv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Small JSON documents kept the same way as record metadata: each change is a new numbered version
 * ({@code <folder>/000001.json}, ...) that is never overwritten, so holds, events and disposition
 * runs keep their whole history, also on WORM storage.
 */
@Component
public class JsonDocuments {

  private static final Pattern VERSION = Pattern.compile(".*/(\\d{6})\\.json");

  private final ObjectStore objects;
  private final JsonMapper json = StoredJson.indented();

  JsonDocuments(ObjectStore objects) {
    this.objects = objects;
  }

  /** Writes version {@code version} of the document in {@code folder}; it must not exist. */
  public void append(String folder, int version, Object value) {
    objects.create(key(folder, version), toBytes(value));
  }

  /** Writes a document that is written once, such as a tombstone. */
  public void createOnce(String key, Object value) {
    objects.create(key, toBytes(value));
  }

  /** Writes a document once; when it exists already (a step done again), keeps the first. */
  public void createOrKeep(String key, Object value) {
    if (objects.stat(key).isEmpty()) {
      objects.create(key, toBytes(value));
    }
  }

  public <T> Optional<T> read(String key, Class<T> type) {
    if (objects.stat(key).isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = objects.get(key)) {
      return Optional.of(json.readValue(in, type));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A document that must be there, read with one request (no check first: the callers read every
   * record's metadata); {@link ObjectMissing} when it is not.
   */
  public <T> T require(String key, Class<T> type) {
    try (InputStream in = objects.get(key)) {
      return json.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The highest version in {@code folder}, if any. */
  public <T> Optional<T> latest(String folder, Class<T> type) {
    return versionKeys(folder + "/").max(String::compareTo).flatMap(k -> read(k, type));
  }

  /** The keys of the numbered versions directly below {@code prefix}, oldest first. */
  public Stream<String> versionKeys(String prefix) {
    return objects.list(prefix).filter(k -> VERSION.matcher(k).matches());
  }

  /** The sub-folders directly below {@code prefix}, by name. */
  public Stream<String> folders(String prefix) {
    return objects
        .list(prefix)
        .filter(k -> k.endsWith("/"))
        .map(k -> k.substring(prefix.length(), k.length() - 1));
  }

  /** The documents directly below {@code prefix}, by key. */
  public List<String> keys(String prefix) {
    return objects.list(prefix).filter(k -> !k.endsWith("/")).toList();
  }

  private byte[] toBytes(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private static String key(String folder, int version) {
    return folder + "/" + String.format("%06d", version) + ".json";
  }
}
