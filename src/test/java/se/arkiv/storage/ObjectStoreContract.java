package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every object store adapter promises, run against each of them. Keys live below a fresh
 * prefix per test, so adapters that share one bucket between tests stay independent.
 */
abstract class ObjectStoreContract {

  @TempDir Path scratch;

  protected final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/";

  /** The store under test. */
  abstract ObjectStore store();

  static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putsAndGetsAnObject() throws IOException {
    ObjectInfo info = store().create(prefix + "records/a/original", bytes("första"));
    assertThat(info.size()).isEqualTo(bytes("första").length);
    assertThat(read(store().get(prefix + "records/a/original"))).isEqualTo("första");
    assertThat(store().stat(prefix + "records/a/original")).isPresent();
  }

  @Test
  void createdObjectsAreNeverOverwritten() throws IOException {
    store().create(prefix + "records/a/original", bytes("first"));
    assertThatThrownBy(() -> store().create(prefix + "records/a/original", bytes("second")))
        .isInstanceOf(ObjectAlreadyExists.class);
    Path file = Files.writeString(scratch.resolve("f"), "third");
    assertThatThrownBy(() -> store().create(prefix + "records/a/original", file))
        .isInstanceOf(ObjectAlreadyExists.class);
    assertThat(read(store().get(prefix + "records/a/original"))).isEqualTo("first");
  }

  @Test
  void replaceSwapsDerivedObjectsWhole() throws IOException {
    store().replace(prefix + "records/a/text.txt", bytes("old"));
    store().replace(prefix + "records/a/text.txt", bytes("new"));
    assertThat(read(store().get(prefix + "records/a/text.txt"))).isEqualTo("new");
  }

  @Test
  void readsRanges() throws IOException {
    store().create(prefix + "x/y", bytes("0123456789"));
    assertThat(read(store().getRange(prefix + "x/y", 3, 4))).isEqualTo("3456");
    assertThat(read(store().getRange(prefix + "x/y", 8, 2))).isEqualTo("89");
  }

  @Test
  void listsDirectChildrenSorted() {
    store().create(prefix + "records/b/original", new byte[] {1});
    store().create(prefix + "records/a/original", new byte[] {1});
    store().create(prefix + "records/a/meta/000001.json", new byte[] {1});
    assertThat(store().list(prefix + "records/"))
        .containsExactly(prefix + "records/a/", prefix + "records/b/");
    assertThat(store().list(prefix + "records/a/"))
        .containsExactly(prefix + "records/a/meta/", prefix + "records/a/original");
    assertThat(store().list(prefix + "nothing/")).isEmpty();
  }

  @Test
  void refusesKeysThatLeaveTheStore() {
    assertThatThrownBy(() -> store().create("../escape", new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().get("records/../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingObjectsAreReportedAsSuch() {
    assertThat(store().stat(prefix + "records/none/original")).isEmpty();
    assertThatThrownBy(() -> store().get(prefix + "records/none/original"))
        .isInstanceOf(ObjectMissing.class);
  }

  @Test
  void deleteRemovesTheObjectAndIgnoresMissingKeys() {
    store().create(prefix + "records/a/meta/000001.json", new byte[] {1});
    store().create(prefix + "records/b/original", new byte[] {1});
    store().delete(prefix + "records/a/meta/000001.json");
    store().delete(prefix + "records/a/meta/000001.json");
    store().delete(prefix + "nothing/here/at/all");
    assertThat(store().stat(prefix + "records/a/meta/000001.json")).isEmpty();
    assertThat(store().list(prefix + "records/")).containsExactly(prefix + "records/b/");
  }

  @Test
  void deleteAllRemovesEveryObjectAndTheFoldersLeftEmpty() {
    store().create(prefix + "records/a/original", new byte[] {1});
    store().create(prefix + "records/a/meta/000001.json", new byte[] {1});
    store().create(prefix + "dedup/a-key", new byte[] {1});
    store().create(prefix + "dedup/b-key", new byte[] {1});

    store()
        .deleteAll(
            List.of(
                prefix + "records/a/original",
                prefix + "dedup/a-key",
                prefix + "records/a/meta/000001.json",
                prefix + "records/a/never-there"));

    assertThat(store().list(prefix + "records/")).isEmpty();
    assertThat(store().list(prefix + "dedup/")).containsExactly(prefix + "dedup/b-key");
  }

  @Test
  void aLargeFileComesBackByteForByte() throws Exception {
    byte[] content = new byte[12 * 1024 * 1024 + 7];
    new Random(42).nextBytes(content);
    Path file = Files.write(scratch.resolve("big.bin"), content);
    ObjectInfo info = store().create(prefix + "records/big/original", file);
    assertThat(info.size()).isEqualTo(content.length);
    try (InputStream in = store().get(prefix + "records/big/original")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }
}
