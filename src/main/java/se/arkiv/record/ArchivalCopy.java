package se.arkiv.record;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The record's archival copy ({@code records/<id>/archival.pdf}), or why it has none.
 *
 * @param conformance the PDF/A part and level the copy meets ("PDF/A-2b"); null when none was made
 * @param pages the copy's pages
 * @param reason why no copy was made (an office file, an encrypted PDF), or null when one was
 */
public record ArchivalCopy(String conformance, int pages, String reason) {

  /**
   * The reason a copy still to be made gives: a born-digital PDF's copy is made after its text is
   * searchable, at a lower priority than any extraction, since drawing every page takes longer than
   * reading the text.
   */
  public static final String LATER = "to be made after the text, in the background; not made yet";

  public static ArchivalCopy later() {
    return notMade(LATER);
  }

  /** Whether the copy is still to be made ({@link #LATER}). */
  @JsonIgnore
  public boolean isLater() {
    return conformance == null && LATER.equals(reason);
  }

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
