package se.arkiv.record;

/** No record with this id exists (or the caller may not know that it does). */
public class RecordNotFound extends RuntimeException {
  public RecordNotFound(String id) {
    super("No record with id " + id);
  }
}
