package se.arkiv.storage;

import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import se.arkiv.storage.S3Calls.Operation;

/**
 * Object Lock on S3: the birth lock of every new object, retention that only ever grows, legal
 * holds, and the read-back that a write must pass before it is acknowledged. Without a lock mode
 * every call does nothing and the application's rules hold alone. Never sends a governance bypass,
 * so the store itself refuses a shorter date or a delete of a locked version.
 */
final class S3ObjectLocks {

  private final S3Client client;
  private final String bucket;
  private final RetentionMode mode;
  private final Period horizon;
  private final Clock clock;
  private final S3Calls calls;

  S3ObjectLocks(
      S3Client client,
      String bucket,
      RetentionMode mode,
      Period horizon,
      Clock clock,
      S3Calls calls) {
    this.client = client;
    this.bucket = bucket;
    this.mode = mode;
    this.horizon = horizon;
    this.clock = clock;
    this.calls = calls;
  }

  boolean enabled() {
    return mode != null;
  }

  RetentionMode mode() {
    return mode;
  }

  /** Every new object is locked from its first byte until now + the horizon. */
  Instant birthUntil() {
    return ZonedDateTime.now(clock).plus(horizon).toInstant();
  }

  Retention retention(Instant until) {
    return new Retention(mode, until.atZone(ZoneOffset.UTC));
  }

  /** Sets the retention of the key's current version (or of one version); never shortens it. */
  void extend(String key, String versionId, Instant until) {
    if (!enabled()) {
      return;
    }
    SetObjectRetentionArgs.Builder args =
        SetObjectRetentionArgs.builder().bucket(bucket).object(key).config(retention(until));
    if (versionId != null) {
      args.versionId(versionId);
    }
    calls.call(
        Operation.EXTEND_RETENTION, key, () -> client.setObjectRetention(args.build()).get());
  }

  /**
   * The retention of the key's current version (or of one version), read leniently: Ceph RGW
   * answers in nanoseconds.
   */
  Optional<S3Client.Lock> lockOf(String key, String versionId) {
    try {
      return calls.callForAnswer(() -> client.retention(bucket, key, versionId).get());
    } catch (Exception e) {
      // S3 answers NoSuchObjectLockConfiguration for an object without retention; Ceph RGW answers
      // NoSuchKey (404), as for a key that does not exist. Either way there is no retention.
      if (S3Calls.isMissing(e) || "NoSuchObjectLockConfiguration".equals(S3Calls.code(e))) {
        return Optional.empty();
      }
      throw S3Calls.translate(Operation.READ_RETENTION, key, e);
    }
  }

  Optional<Instant> retainedUntil(String key) {
    if (!enabled()) {
      return Optional.empty();
    }
    return lockOf(key, null).map(S3Client.Lock::retainUntil);
  }

  void legalHold(String key, String versionId, boolean on) {
    if (!enabled()) {
      return;
    }
    calls.call(
        Operation.SET_LEGAL_HOLD,
        key,
        () -> {
          if (on) {
            EnableObjectLegalHoldArgs.Builder args =
                EnableObjectLegalHoldArgs.builder().bucket(bucket).object(key);
            if (versionId != null) {
              args.versionId(versionId);
            }
            return client.enableObjectLegalHold(args.build()).get();
          }
          DisableObjectLegalHoldArgs.Builder args =
              DisableObjectLegalHoldArgs.builder().bucket(bucket).object(key);
          if (versionId != null) {
            args.versionId(versionId);
          }
          return client.disableObjectLegalHold(args.build()).get();
        });
  }

  boolean underLegalHold(String key, String versionId) {
    if (!enabled()) {
      return false;
    }
    IsObjectLegalHoldEnabledArgs.Builder args =
        IsObjectLegalHoldEnabledArgs.builder().bucket(bucket).object(key);
    if (versionId != null) {
      args.versionId(versionId);
    }
    try {
      return calls.callForAnswer(() -> client.isObjectLegalHoldEnabled(args.build()).get());
    } catch (Exception e) {
      // As for retention: an object that never had a legal hold is answered with a 404 by Ceph RGW.
      if (S3Calls.isMissing(e)) {
        return false;
      }
      throw S3Calls.translate(Operation.READ_LEGAL_HOLD, key, e);
    }
  }

  /**
   * Reads the lock of one version back and refuses to acknowledge a write whose lock is not what
   * was asked for: the mode, and a retain-until no earlier than intended. This is what makes a
   * store that ignores lock headers (Ceph RGW on multipart uploads) safe.
   */
  void verifyLock(String key, String versionId, Instant intended) {
    if (!enabled()) {
      return;
    }
    Optional<S3Client.Lock> lock = lockOf(key, versionId);
    // The store keeps the date to the millisecond or finer; the SDK sends milliseconds.
    Instant floor = intended.truncatedTo(ChronoUnit.MILLIS);
    if (lock.isEmpty()
        || !mode.name().equals(lock.get().mode())
        || lock.get().retainUntil().isBefore(floor)) {
      throw new LockNotVerified(
          key
              + (versionId == null ? "" : " (version " + versionId + ")")
              + " should be locked "
              + mode
              + " until "
              + intended
              + " but the store reads back "
              + lock.map(l -> l.mode() + " until " + l.retainUntil()).orElse("no lock"));
    }
  }

  /** Reads the legal hold of one version back; refuses when it is not what was set. */
  void verifyHold(String key, String versionId, boolean hold) {
    if (!enabled()) {
      return;
    }
    boolean held = underLegalHold(key, versionId);
    if (held != hold) {
      throw new LockNotVerified(
          key
              + " should "
              + (hold ? "" : "not ")
              + "be under legal hold but the store says it is"
              + (held ? "" : " not"));
    }
  }
}
