package se.arkiv.storage;

/** The store could not be reached or refused the operation; the caller should retry later. */
public class StorageUnavailable extends RuntimeException {
  public StorageUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
