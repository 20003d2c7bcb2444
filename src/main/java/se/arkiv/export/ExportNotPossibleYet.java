package se.arkiv.export;

/**
 * A selection by query, class or hold while the search index is still catching up with the store:
 * evidence that silently misses records is worse than asking again in a minute.
 */
public class ExportNotPossibleYet extends RuntimeException {
  ExportNotPossibleYet() {
    super(
        "The search index is still catching up with the store, so a selection by query, class or"
            + " hold could miss records. Try again in a minute, or name the records by id.");
  }
}
