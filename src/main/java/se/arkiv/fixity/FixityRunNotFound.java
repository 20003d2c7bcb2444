package se.arkiv.fixity;

/** No fixity run has this id. */
public class FixityRunNotFound extends RuntimeException {

  public FixityRunNotFound(String id) {
    super("No fixity run with id " + id);
  }
}
