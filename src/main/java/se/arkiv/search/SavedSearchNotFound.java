package se.arkiv.search;

/** No saved search of the caller's with this id (another user's answers the same). */
public class SavedSearchNotFound extends RuntimeException {
  SavedSearchNotFound(String id) {
    super("No saved search " + id);
  }
}
