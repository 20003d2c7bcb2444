package se.arkiv.record;

/**
 * The record's archival copy ({@code records/<id>/archival.pdf}), or why it has none.
 *
 * @param conformance the PDF/A part and level the copy meets ("PDF/A-2b"); null when none was made
 * @param pages the copy's pages
 * @param reason why no copy was made (an office file, an encrypted PDF), or null when one was
 */
public record ArchivalCopy(String conformance, int pages, String reason) {

  public static ArchivalCopy made(String conformance, int pages) {
    return new ArchivalCopy(conformance, pages, null);
  }

  public static ArchivalCopy notMade(String reason) {
    return new ArchivalCopy(null, 0, reason);
  }

  /** Whether the copy was made and stored. */
  public boolean isMade() {
    return conformance != null;
  }
}
