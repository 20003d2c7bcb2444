package se.arkiv.audit;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.StorageSettings;
import tools.jackson.databind.JsonNode;

/**
 * Where the trail lives: local segments {@code <data-dir>/audit/segment-<first>.log} being written,
 * sealed segments {@code audit/segments/<first>-<last>.log} and checkpoints {@code
 * audit/checkpoints/<last>.json} in the object store. Sequence numbers in names have twelve digits,
 * so names sort in trail order.
 */
@Component
class SegmentFiles {

  static final String SEGMENTS = "audit/segments/";
  static final String CHECKPOINTS = "audit/checkpoints/";
  private static final String LOCAL_PREFIX = "segment-";

  private final ObjectStore store;
  private final Path dir;

  SegmentFiles(ObjectStore store, StorageSettings storage) throws IOException {
    this.store = store;
    this.dir = Files.createDirectories(storage.dataDir().resolve("audit"));
  }

  static String sealedKey(long first, long last) {
    return SEGMENTS + number(first) + "-" + number(last) + ".log";
  }

  static String checkpointKey(long last) {
    return CHECKPOINTS + number(last) + ".json";
  }

  /** The sequence number of the first entry of a sealed segment, from its key. */
  static long firstSeqOf(String sealedKey) {
    int start = SEGMENTS.length();
    return Long.parseLong(sealedKey.substring(start, start + 12));
  }

  /** The sequence number of the last entry of a sealed segment, from its key. */
  static long lastSeqOf(String sealedKey) {
    int start = SEGMENTS.length() + 13;
    return Long.parseLong(sealedKey.substring(start, start + 12));
  }

  /** The local file of the segment whose first entry is {@code first}. */
  Path localSegment(long first) {
    return dir.resolve(LOCAL_PREFIX + number(first) + ".log");
  }

  static long firstSeqOf(Path local) {
    String name = local.getFileName().toString();
    return Long.parseLong(name.substring(LOCAL_PREFIX.length(), LOCAL_PREFIX.length() + 12));
  }

  /** The sealed segments' keys, in trail order. */
  List<String> sealedKeys() {
    return store.list(SEGMENTS).filter(k -> k.endsWith(".log")).sorted().toList();
  }

  /** The local segments, in trail order. */
  List<Path> localSegments() {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(LOCAL_PREFIX))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The lines of the local segments; of {@code current}, the one being written, only its first
   * {@code durableEnd} bytes: the rest is not acknowledged yet.
   */
  List<String> localLines(Path current, long durableEnd) {
    List<String> lines = new ArrayList<>();
    for (Path file : localSegments()) {
      try (InputStream in =
          file.equals(current)
              ? new ByteArrayInputStream(Files.readAllBytes(file), 0, (int) durableEnd)
              : Files.newInputStream(file)) {
        readLines(in, lines::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  void readSealed(String key, Consumer<String> consumer) {
    try (InputStream in = store.get(key)) {
      readLines(in, consumer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> checkpoints() {
    return store
        .list(CHECKPOINTS)
        .filter(k -> k.endsWith(".json"))
        .map(
            key -> {
              try (InputStream in = store.get(key)) {
                return ChainLine.JSON.readTree(in);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  static void readLines(Path file, Consumer<String> consumer) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      readLines(in, consumer);
    }
  }

  /** Every non-empty line, without its newline. */
  static void readLines(InputStream in, Consumer<String> consumer) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isEmpty()) {
        consumer.accept(line);
      }
    }
  }

  private static String number(long seq) {
    return String.format("%012d", seq);
  }
}
