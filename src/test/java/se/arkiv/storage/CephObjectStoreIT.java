package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetObjectRetentionArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.CephRgwServer;

/**
 * The object store contract against Ceph RGW, a real S3 server that enforces Object Lock, and the
 * refusals only such a server gives: each refusal is shown on the store itself, through a plain SDK
 * client beside the adapter, so that it is the server refusing and not Arkiv.
 */
@Tag("ceph")
class CephObjectStoreIT extends ObjectStoreContract {

  private static final String BUCKET = "arkiv-contract";
  private static CephRgwServer server;
  private static MinioAsyncClient raw;

  /** No lock mode: the contract deletes what it writes. */
  private static S3ObjectStore store;

  /** COMPLIANCE, as a bank runs it: every object locked for a day from birth. */
  private static S3ObjectStore compliance;

  private static S3ObjectStore governance;

  @BeforeAll
  static void startServer() throws Exception {
    server = CephRgwServer.shared();
    server.makeLockedBucket(BUCKET);
    raw = server.client();
    store = checked(null);
    compliance = checked(RetentionMode.COMPLIANCE);
    governance = checked(RetentionMode.GOVERNANCE);
  }

  private static S3ObjectStore checked(RetentionMode mode) {
    // 5 MB parts (the S3 minimum), so the 12 MB file of the contract goes up in three parts.
    return S3ObjectStore.checked(
        server.client(),
        BUCKET,
        5 * 1024 * 1024,
        server.endpoint(),
        mode,
        Period.ofDays(1),
        Clock.systemUTC());
  }

  @Override
  ObjectStore store() {
    return store;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The store's own answer to a request the test sends past the adapter. */
  private static ErrorResponseException refusal(Callable<?> request) {
    try {
      request.call();
    } catch (Exception e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ErrorResponseException error) {
          return error;
        }
      }
      throw new AssertionError("expected the store to refuse, got " + e, e);
    }
    throw new AssertionError("the store accepted a request it must refuse");
  }

  @Test
  void theStartUpProbeSeesWhatCephEnforcesAndWhatItDoesNot() {
    S3Guarantees seen = compliance.guarantees();
    assertThat(seen.objectLock()).isTrue();
    assertThat(seen.versions()).isTrue();
    assertThat(seen.checksums()).isTrue();
    // RGW ignores If-None-Match in versioned buckets: Arkiv keeps the first version itself.
    assertThat(seen.conditionalCreate()).isFalse();
    assertThat(String.join("\n", compliance.describeGuarantees()))
        .contains("Object Lock COMPLIANCE: enforced by the store")
        .contains("Create-once: NOT enforced by the store");
  }

  @Test
  void aLockedVersionCannotBeDeletedEvenWithTheGovernanceBypass() throws Exception {
    String key = prefix + "records/l1/original";
    ObjectInfo info = compliance.create(key, bytes("kontoavtal"));
    assertThatThrownBy(() -> compliance.delete(key)).isInstanceOf(ObjectLocked.class);
    ErrorResponseException refused =
        refusal(
            () ->
                raw.removeObject(
                        RemoveObjectArgs.builder()
                            .bucket(BUCKET)
                            .object(key)
                            .versionId(info.versionId())
                            .bypassGovernanceMode(true)
                            .build())
                    .get());
    assertThat(refused.errorResponse().code()).isEqualTo("AccessDenied");
    assertThat(read(compliance.get(key, info.versionId()))).isEqualTo("kontoavtal");
  }

  @Test
  void retentionIsReadInNanosecondsAndCannotBeShortened() {
    String key = prefix + "records/l2/original";
    compliance.create(key, bytes("lönespecifikation"));
    // RGW answers 2026-...T..:..:..nnnnnnnnnZ, which SDK 8.6.0 alone cannot parse.
    Instant until = compliance.retainedUntil(key).orElseThrow();
    assertThat(until)
        .isBetween(
            Instant.now().plus(23, ChronoUnit.HOURS), Instant.now().plus(25, ChronoUnit.HOURS));
    assertThat(compliance.stat(key)).isPresent();
    compliance.extendRetention(key, until.plus(30, ChronoUnit.DAYS));
    assertThat(compliance.retainedUntil(key))
        .contains(until.plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS));
    assertThatThrownBy(() -> compliance.extendRetention(key, until))
        .isInstanceOf(ObjectLocked.class)
        .hasMessageContaining("refused");
    assertThat(compliance.retainedUntil(key).orElseThrow())
        .isAfter(until.plus(29, ChronoUnit.DAYS));
  }

  @Test
  void complianceCannotBeTurnedIntoGovernance() throws Exception {
    String key = prefix + "records/l3/original";
    ObjectInfo info = compliance.create(key, bytes("verifikation"));
    Instant later = Instant.now().plus(40, ChronoUnit.DAYS);
    assertThatThrownBy(() -> governance.extendRetention(key, later))
        .isInstanceOf(ObjectLocked.class);
    ErrorResponseException refused =
        refusal(
            () ->
                raw.setObjectRetention(
                        SetObjectRetentionArgs.builder()
                            .bucket(BUCKET)
                            .object(key)
                            .versionId(info.versionId())
                            .config(
                                new Retention(
                                    RetentionMode.GOVERNANCE, later.atZone(ZoneOffset.UTC)))
                            .bypassGovernanceMode(true)
                            .build())
                    .get());
    assertThat(refused.response().code()).isEqualTo(403);
    assertThat(compliance.retainedUntil(key).orElseThrow()).isBefore(later);
  }

  @Test
  void aLegalHoldBlocksDeletionUntilItIsReleased() throws Exception {
    String key = prefix + "records/l4/meta/000001.json";
    // Written without retention, so only the hold can stand in the way.
    ObjectInfo info = store.create(key, bytes("{}"));
    compliance.legalHold(key, true);
    assertThat(compliance.underLegalHold(key)).isTrue();
    assertThatThrownBy(() -> compliance.delete(key)).isInstanceOf(ObjectLocked.class);
    ErrorResponseException refused =
        refusal(
            () ->
                raw.removeObject(
                        RemoveObjectArgs.builder()
                            .bucket(BUCKET)
                            .object(key)
                            .versionId(info.versionId())
                            .build())
                    .get());
    assertThat(refused.errorResponse().code()).isEqualTo("AccessDenied");
    compliance.legalHold(key, false);
    compliance.delete(key);
    assertThat(store.stat(key)).isEmpty();
  }

  @Test
  void aDeleteWithoutAVersionLeavesADeleteMarkerAndTheVersionReadable() throws Exception {
    String key = prefix + "records/l5/original";
    ObjectInfo info = compliance.create(key, bytes("betalningsorder"));
    raw.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build()).get();
    assertThat(compliance.stat(key)).isEmpty();
    assertThat(read(compliance.get(key, info.versionId()))).isEqualTo("betalningsorder");
    List<String> versions = new ArrayList<>();
    for (Result<Item> result :
        raw.listObjects(
            ListObjectsArgs.builder().bucket(BUCKET).prefix(key).includeVersions(true).build())) {
      Item item = result.get();
      versions.add(
          (item.isDeleteMarker() ? "marker" : item.versionId())
              + (item.isLatest() ? " latest" : ""));
    }
    assertThat(versions).containsExactlyInAnyOrder("marker latest", info.versionId());
  }

  @Test
  void anOriginalUploadedInPartsIsLockedAndVerifiedBeforeItIsAcknowledged() throws Exception {
    // RGW ignores the lock headers of a multipart upload; the adapter sets the lock and reads it
    // back before it answers.
    byte[] content = new byte[12 * 1024 * 1024 + 7];
    new Random(7).nextBytes(content);
    Path file = Files.write(scratch.resolve("big.bin"), content);
    String key = prefix + "records/l6/original";
    ObjectInfo info = compliance.create(key, file);
    assertThat(info.versionId()).isNotBlank();
    assertThat(compliance.retainedUntil(key)).isPresent();
    assertThat(compliance.underLegalHold(key)).isFalse();
    assertThatThrownBy(() -> compliance.delete(key)).isInstanceOf(ObjectLocked.class);
    try (var in =
        raw.getObject(
                GetObjectArgs.builder()
                    .bucket(BUCKET)
                    .object(key)
                    .versionId(info.versionId())
                    .build())
            .get()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void ofTwoWritersOfOneKeyExactlyOneWinsAndOnlyItsVersionStays() throws Exception {
    for (S3ObjectStore writer : List.of(store, compliance)) {
      String key = prefix + "dedup/" + writer.hashCode();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<ObjectInfo>> attempts = new ArrayList<>();
        for (String content : List.of("first writer", "second writer")) {
          attempts.add(
              pool.submit(
                  () -> {
                    go.await();
                    return writer.create(key, bytes(content));
                  }));
        }
        go.countDown();
        List<ObjectInfo> won = new ArrayList<>();
        int taken = 0;
        for (Future<ObjectInfo> attempt : attempts) {
          try {
            won.add(attempt.get());
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ObjectAlreadyExists.class);
            taken++;
          }
        }
        assertThat(won).hasSize(1);
        assertThat(taken).isEqualTo(1);
        List<String> versions = new ArrayList<>();
        for (Result<Item> result :
            raw.listObjects(
                ListObjectsArgs.builder()
                    .bucket(BUCKET)
                    .prefix(key)
                    .includeVersions(true)
                    .build())) {
          versions.add(result.get().versionId());
        }
        assertThat(versions).containsExactly(won.get(0).versionId());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void derivedObjectsAreLockedOnEveryReplaceAndAnUnlockedObjectReadsAsSuch() {
    String text = prefix + "records/l7/text.txt";
    compliance.replace(text, bytes("first text"));
    compliance.replace(text, bytes("second text"));
    assertThat(compliance.retainedUntil(text)).isPresent();
    String plain = prefix + "records/l7/preview.png";
    store.replace(plain, bytes("png"));
    assertThat(compliance.retainedUntil(plain)).isEmpty();
    assertThat(compliance.underLegalHold(plain)).isFalse();
  }

  @Test
  void anUploadWhoseChecksumDoesNotMatchIsRefusedAndNotStored() throws Exception {
    byte[] content = bytes("betalningsorder");
    String wrong = S3ObjectStore.md5(bytes("something else"));
    assertThatThrownBy(
            () ->
                store.put(
                    prefix + "records/c/original",
                    new ByteArrayInputStream(content),
                    content.length,
                    wrong))
        .isInstanceOf(StorageUnavailable.class)
        .hasMessageContaining("BadDigest");
    assertThat(
            refusal(
                    () ->
                        raw.statObject(
                                StatObjectArgs.builder()
                                    .bucket(BUCKET)
                                    .object(prefix + "records/c/original")
                                    .build())
                            .get())
                .response()
                .code())
        .isEqualTo(404);
  }
}
