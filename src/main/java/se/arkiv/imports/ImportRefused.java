package se.arkiv.imports;

/** An import request that cannot be taken at all: a path outside the root, a missing folder. */
public class ImportRefused extends RuntimeException {
  public ImportRefused(String message) {
    super(message);
  }
}
