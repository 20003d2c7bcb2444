package se.arkiv.storage;

/**
 * An object was written but its lock did not read back as intended (the store ignored it, or
 * answered otherwise), so the write is not acknowledged: the caller retries later, as in an outage.
 */
public class LockNotVerified extends StorageUnavailable {
  public LockNotVerified(String message) {
    super(message, null);
  }
}
