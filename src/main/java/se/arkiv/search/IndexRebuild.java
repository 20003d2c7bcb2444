package se.arkiv.search;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether the index is being rebuilt from the store, and how far it has come: the search screen
 * says so, since until it ends a search finds only part of the archive.
 */
@Component
public class IndexRebuild {

  private final IndexCatchUp catchUp;

  IndexRebuild(IndexCatchUp catchUp) {
    this.catchUp = catchUp;
  }

  /** The rebuild under way; empty when the index is whole (or only being compared). */
  public Optional<Progress> underWay() {
    return catchUp
        .progress()
        .filter(StoreComparison.Progress::rebuilding)
        .map(
            p ->
                new Progress(
                    p.compared(),
                    p.total(),
                    p.recordsPerSecond(),
                    p.timeLeft().map(left -> (left.toSeconds() + 59) / 60).orElse(-1L)));
  }

  /**
   * @param total records in the store; -1 unknown
   * @param minutesLeft rounded up; -1 until there is a rate to estimate it from
   */
  public record Progress(long done, long total, long recordsPerSecond, long minutesLeft) {

    /** Whole percent done, 0 while the total is unknown. */
    public int percent() {
      return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
  }
}
