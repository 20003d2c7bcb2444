package se.arkiv.storage;

/** A create found the key taken: stored objects are never overwritten. */
public class ObjectAlreadyExists extends RuntimeException {
  public ObjectAlreadyExists(String key) {
    super("Object already exists: " + key);
  }
}
