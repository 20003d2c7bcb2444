package se.arkiv.web;

/** A Range request for bytes a record's content does not have. */
final class RangeNotSatisfiable extends RuntimeException {

  private final long size;

  RangeNotSatisfiable(String range, long size) {
    super("The range '" + range + "' lies outside the content of " + size + " bytes");
    this.size = size;
  }

  long size() {
    return size;
  }
}
