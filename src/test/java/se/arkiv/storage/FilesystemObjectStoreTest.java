package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract on the filesystem store, plus what is particular to files and folders. */
class FilesystemObjectStoreTest extends ObjectStoreContract {

  private FilesystemObjectStore store;

  @BeforeEach
  void open() {
    store = new FilesystemObjectStore(scratch.resolve("objects"));
  }

  @Override
  ObjectStore store() {
    return store;
  }

  @Test
  void temporaryFilesOfUnfinishedWritesAreNeverListed() throws IOException {
    store.create("records/a/original", new byte[] {1});
    Files.writeString(scratch.resolve("objects/records/.tmp-leftover"), "half");
    assertThat(store.list("records/")).containsExactly("records/a/");
  }

  @Test
  void deletingTheLastObjectOfAFolderRemovesTheFolder() {
    store.create("records/a/original", new byte[] {1});
    store.delete("records/a/original");
    assertThat(Files.exists(scratch.resolve("objects/records/a"))).isFalse();
    assertThat(Files.exists(scratch.resolve("objects"))).isTrue();
  }
}
