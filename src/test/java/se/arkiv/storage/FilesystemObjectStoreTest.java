package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.MovableClock;

/** The contract on the filesystem store, plus what is particular to files and folders. */
class FilesystemObjectStoreTest extends ObjectStoreContract {

  private FilesystemObjectStore store;
  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));

  @BeforeEach
  void open() {
    store = new FilesystemObjectStore(scratch.resolve("objects"), clock);
  }

  // The lock semantics below are the part of the contract that S3Proxy cannot run (it answers
  // 501 to Object Lock); S3ObjectLockRequestsIT checks the requests the S3 adapter sends instead.

  @Test
  void retentionCanBeExtendedButNeverShortened() {
    store.create("records/a/original", new byte[] {1});
    store.extendRetention("records/a/original", Instant.parse("2035-01-01T00:00:00Z"));
    store.extendRetention("records/a/original", Instant.parse("2036-01-01T00:00:00Z"));
    assertThatThrownBy(
            () ->
                store.extendRetention("records/a/original", Instant.parse("2031-01-01T00:00:00Z")))
        .isInstanceOf(ObjectLocked.class)
        .hasMessageContaining("never shortened");
    assertThat(store.retainedUntil("records/a/original"))
        .contains(Instant.parse("2036-01-01T00:00:00Z"));
  }

  @Test
  void deleteIsRefusedBeforeTheRetainUntilAndAllowedAfter() {
    store.create("records/a/original", new byte[] {1});
    store.extendRetention("records/a/original", Instant.parse("2031-01-01T00:00:00Z"));
    assertThatThrownBy(() -> store.delete("records/a/original"))
        .isInstanceOf(ObjectLocked.class)
        .hasMessageContaining("retained until 2031-01-01T00:00:00Z");
    assertThat(store.stat("records/a/original")).isPresent();
    clock.set(Instant.parse("2031-01-01T00:00:01Z"));
    store.delete("records/a/original");
    assertThat(store.stat("records/a/original")).isEmpty();
    // Neither the record's folder nor its lock's folder stays behind.
    assertThat(scratch.resolve("objects/records/a")).doesNotExist();
    assertThat(scratch.resolve("objects/.locks/records/a")).doesNotExist();
    assertThat(scratch.resolve("objects/.locks")).exists();
  }

  @Test
  void deleteIsRefusedUnderLegalHoldWhateverTheDate() {
    store.create("records/a/original", new byte[] {1});
    store.legalHold("records/a/original", true);
    clock.set(Instant.parse("2099-01-01T00:00:00Z"));
    assertThatThrownBy(() -> store.delete("records/a/original"))
        .isInstanceOf(ObjectLocked.class)
        .hasMessageContaining("legal hold");
    store.legalHold("records/a/original", false);
    store.delete("records/a/original");
    assertThat(store.stat("records/a/original")).isEmpty();
  }

  @Test
  void deleteAllStopsAtALockedObjectAndKeepsWhatComesAfterIt() {
    store.create("records/a/text.txt", new byte[] {1});
    store.create("records/a/original", new byte[] {1});
    store.create("records/a/meta/000001.json", new byte[] {1});
    store.legalHold("records/a/text.txt", false);
    store.legalHold("records/a/original", true);

    assertThatThrownBy(
            () ->
                store.deleteAll(
                    List.of(
                        "records/a/text.txt", "records/a/original", "records/a/meta/000001.json")))
        .isInstanceOf(ObjectLocked.class)
        .hasMessageContaining("records/a/original is under legal hold");

    assertThat(store.list("records/a/")).containsExactly("records/a/meta/", "records/a/original");
    // The deleted object's lock went with it; the held one keeps its hold.
    assertThat(scratch.resolve("objects/.locks/records/a/text.txt.json")).doesNotExist();
    assertThat(store.underLegalHold("records/a/original")).isTrue();
  }

  @Test
  void locksAreNotListedAsObjects() {
    store.create("records/a/original", new byte[] {1});
    store.legalHold("records/a/original", true);
    assertThat(store.list("records/")).containsExactly("records/a/");
    assertThat(store.list("records/a/")).containsExactly("records/a/original");
    assertThat(Files.exists(scratch.resolve("objects/.locks/records/a/original.json"))).isTrue();
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
