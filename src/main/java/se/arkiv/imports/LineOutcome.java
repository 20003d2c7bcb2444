package se.arkiv.imports;

/**
 * What became of one manifest line.
 *
 * @param recordId the record filed, or the record already archived that the line duplicates
 * @param reason why a line was refused, else null
 */
public record LineOutcome(
    int line, String file, String legacyId, Kind outcome, String recordId, String reason) {

  public enum Kind {
    FILED,
    DUPLICATE,
    REFUSED
  }
}
