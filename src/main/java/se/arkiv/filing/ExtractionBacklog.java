package se.arkiv.filing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import se.arkiv.record.RecordId;

/**
 * What waits for extraction and what is being extracted now: for the health endpoint, the metrics
 * and the start page.
 *
 * @param interactive records waiting in the interactive lane (clerks' ordinary filings)
 * @param bulk records waiting in the bulk lane (archives, big files, imports)
 * @param archival records whose text is searchable waiting for their archival copy
 * @param oldestWaiting how long the record waiting longest has waited
 */
public record ExtractionBacklog(
    int interactive, int bulk, int archival, Duration oldestWaiting, List<Running> running) {

  /** A record being extracted, since when. */
  public record Running(RecordId id, String fileName, ExtractionLane lane, Instant startedAt) {

    public Duration runningFor(Instant now) {
      return Duration.between(startedAt, now);
    }
  }

  /** Records waiting for their text. */
  public int waiting() {
    return interactive + bulk;
  }
}
