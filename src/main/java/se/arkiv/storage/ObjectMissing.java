package se.arkiv.storage;

/** The store has no object under this key. */
public class ObjectMissing extends RuntimeException {
  public ObjectMissing(String key) {
    super("No object at " + key);
  }
}
