package se.arkiv.export;

/** An export request that names no selection, several, or one that does not exist. */
public class InvalidExport extends RuntimeException {
  InvalidExport(String message) {
    super(message);
  }
}
