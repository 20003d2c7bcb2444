package se.arkiv.export;

/** No export with this id, or not one of the caller's. */
public class ExportNotFound extends RuntimeException {
  ExportNotFound(String id) {
    super("No export with id " + id);
  }
}
