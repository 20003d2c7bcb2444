package se.arkiv.access;

/** Refused by the actor's role (a field only a records manager corrects), not their departments. */
public class NotForYourRole extends RuntimeException {
  NotForYourRole(String message) {
    super(message);
  }
}
