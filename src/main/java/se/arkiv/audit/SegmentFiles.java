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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.NodeSettings;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.StorageSettings;
import tools.jackson.databind.JsonNode;

/**
 * Where the trail lives: local segments {@code <data-dir>/audit/segment-<first>.log} being written,
 * sealed segments {@code <chain>/segments/<first>-<last>.log} and checkpoints {@code
 * <chain>/checkpoints/<last>.json} in the object store, for this node's chain ({@link AuditChain}
 * says which prefix) and, read only, for the other nodes' chains. Sequence numbers in names have
 * twelve digits, so names sort in trail order.
 */
@Component
class SegmentFiles {

  /** The legacy chain's prefixes, the only ones of a single node. */
  static final String SEGMENTS = AuditChain.LEGACY.segments();

  static final String CHECKPOINTS = AuditChain.LEGACY.checkpoints();
  private static final String LOCAL_PREFIX = "segment-";

  private final ObjectStore store;
  private final Path dir;
  private final AuditChain chain;

  /** The only node's trail, as before there were several. */
  SegmentFiles(ObjectStore store, StorageSettings storage) throws IOException {
    this(store, storage, AuditChain.LEGACY);
  }

  @Autowired
  SegmentFiles(ObjectStore store, StorageSettings storage, NodeSettings node) throws IOException {
    this(store, storage, AuditChain.of(node.nodeId()));
  }

  SegmentFiles(ObjectStore store, StorageSettings storage, AuditChain chain) throws IOException {
    this.store = store;
    this.dir = Files.createDirectories(storage.dataDir().resolve("audit"));
    this.chain = chain;
  }

  /** The chain this node writes. */
  AuditChain chain() {
    return chain;
  }

  /** Every chain in the store, this node's among them even before its first seal. */
  List<AuditChain> chains() {
    List<AuditChain> chains = new ArrayList<>(AuditChain.all(store));
    if (!chains.contains(chain)) {
      chains.add(chain.node() == null ? 0 : chains.size(), chain);
    }
    return chains;
  }

  String sealedKey(long first, long last) {
    return chain.sealedKey(first, last);
  }

  String checkpointKey(long last) {
    return chain.checkpointKey(last);
  }

  /** The sequence number of the first entry of a sealed segment, from its key (of any chain). */
  static long firstSeqOf(String sealedKey) {
    int start = sealedKey.lastIndexOf('/') + 1;
    return Long.parseLong(sealedKey.substring(start, start + 12));
  }

  /** The sequence number of the last entry of a sealed segment, from its key (of any chain). */
  static long lastSeqOf(String sealedKey) {
    int start = sealedKey.lastIndexOf('/') + 14;
    return Long.parseLong(sealedKey.substring(start, start + 12));
  }

  /**
   * The index of the first of {@code sealed} (one chain's keys, in trail order) whose last entry is
   * after {@code seq}: a binary search.
   */
  static int firstEndingAfter(List<String> sealed, long seq) {
    int low = 0;
    int high = sealed.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (lastSeqOf(sealed.get(middle)) <= seq) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The local file of the segment whose first entry is {@code first}. */
  Path localSegment(long first) {
    return dir.resolve(LOCAL_PREFIX + String.format("%012d", first) + ".log");
  }

  static long firstSeqOf(Path local) {
    String name = local.getFileName().toString();
    return Long.parseLong(name.substring(LOCAL_PREFIX.length(), LOCAL_PREFIX.length() + 12));
  }

  /** This node's sealed segments' keys, in trail order. */
  List<String> sealedKeys() {
    return sealedKeys(chain);
  }

  List<String> sealedKeys(AuditChain of) {
    return store.list(of.segments()).filter(k -> k.endsWith(".log")).sorted().toList();
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
    return checkpoints(chain);
  }

  List<JsonNode> checkpoints(AuditChain of) {
    return checkpointKeys(of).stream().map(this::checkpoint).toList();
  }

  /** The chain's checkpoints' keys, in trail order. */
  List<String> checkpointKeys(AuditChain of) {
    return store.list(of.checkpoints()).filter(k -> k.endsWith(".json")).sorted().toList();
  }

  JsonNode checkpoint(String key) {
    try (InputStream in = store.get(key)) {
      return ChainLine.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
}
