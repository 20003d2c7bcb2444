package se.arkiv.search;

/** A search the index cannot run as asked; the message says what to change. */
public class InvalidQuery extends RuntimeException {
  public InvalidQuery(String message) {
    super(message);
  }
}
