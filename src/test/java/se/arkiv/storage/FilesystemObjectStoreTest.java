package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest {

  @TempDir Path root;

  private FilesystemObjectStore store() {
    return new FilesystemObjectStore(root);
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void createdObjectsAreNeverOverwritten() throws IOException {
    FilesystemObjectStore store = store();
    store.create("records/a/original", "first".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> store.create("records/a/original", "second".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ObjectAlreadyExists.class);
    assertThat(read(store.get("records/a/original"))).isEqualTo("first");
  }

  @Test
  void replaceSwapsDerivedObjectsWhole() throws IOException {
    FilesystemObjectStore store = store();
    store.replace("records/a/text.txt", "old".getBytes(StandardCharsets.UTF_8));
    store.replace("records/a/text.txt", "new".getBytes(StandardCharsets.UTF_8));
    assertThat(read(store.get("records/a/text.txt"))).isEqualTo("new");
  }

  @Test
  void readsRanges() throws IOException {
    FilesystemObjectStore store = store();
    store.create("x/y", "0123456789".getBytes(StandardCharsets.UTF_8));
    assertThat(read(store.getRange("x/y", 3, 4))).isEqualTo("3456");
    assertThat(read(store.getRange("x/y", 8, 100))).isEqualTo("89");
  }

  @Test
  void listsDirectChildrenSortedWithoutTemporaryFiles() throws IOException {
    FilesystemObjectStore store = store();
    store.create("records/b/original", new byte[] {1});
    store.create("records/a/original", new byte[] {1});
    Files.writeString(root.resolve("records/.tmp-leftover"), "half");
    assertThat(store.list("records/")).containsExactly("records/a/", "records/b/");
    assertThat(store.list("records/a/")).containsExactly("records/a/original");
    assertThat(store.list("nothing/")).isEmpty();
  }

  @Test
  void refusesKeysThatLeaveTheStore() {
    FilesystemObjectStore store = store();
    assertThatThrownBy(() -> store.create("../escape", new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get("records/../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteRemovesTheObjectAndItsEmptyFoldersAndIgnoresMissingKeys() {
    FilesystemObjectStore store = store();
    store.create("records/a/meta/000001.json", new byte[] {1});
    store.create("records/b/original", new byte[] {1});
    store.delete("records/a/meta/000001.json");
    store.delete("records/a/meta/000001.json");
    store.delete("nothing/here/at/all");
    assertThat(store.stat("records/a/meta/000001.json")).isEmpty();
    assertThat(store.list("records/")).containsExactly("records/b/");
  }

  @Test
  void missingObjectsAreReportedAsSuch() {
    assertThat(store().stat("records/none/original")).isEmpty();
    assertThatThrownBy(() -> store().get("records/none/original"))
        .isInstanceOf(ObjectMissing.class);
  }
}
