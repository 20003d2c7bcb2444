package se.arkiv.filing;

/** A filing request whose metadata cannot be accepted; the message says which field and why. */
public class InvalidFilingRequest extends RuntimeException {
  public InvalidFilingRequest(String message) {
    super(message);
  }
}
