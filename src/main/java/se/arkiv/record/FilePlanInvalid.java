package se.arkiv.record;

/** The file plan cannot be used; the message names the file, the class and the field. */
public class FilePlanInvalid extends RuntimeException {
  public FilePlanInvalid(String message) {
    super(message);
  }

  public FilePlanInvalid(String message, Throwable cause) {
    super(message, cause);
  }
}
