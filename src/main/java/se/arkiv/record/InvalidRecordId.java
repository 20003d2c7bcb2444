package se.arkiv.record;

/** A text that is not a record id; callers answer it as "no such record". */
public class InvalidRecordId extends IllegalArgumentException {
  public InvalidRecordId(String value) {
    super("Not a record id: " + value);
  }
}
