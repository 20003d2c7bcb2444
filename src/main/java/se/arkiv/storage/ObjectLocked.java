package se.arkiv.storage;

/** The store refused to delete or shorten the retention of an object that is locked. */
public class ObjectLocked extends RuntimeException {
  public ObjectLocked(String message) {
    super(message);
  }
}
