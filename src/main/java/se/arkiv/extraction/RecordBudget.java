package se.arkiv.extraction;

import se.arkiv.record.Truncation;

/**
 * What one record's extraction has spent of its {@link ExtractionBudget}, and the first budget that
 * ran out. Shared by the parse thread and the thread that waits for it, hence the volatile fields.
 */
final class RecordBudget {

  private final ExtractionBudget budget;
  private final long deadline;
  private volatile Truncation exhausted;
  private int embedded;
  private int ocrImages;
  private long ocrPixels;

  RecordBudget(ExtractionBudget budget) {
    this.budget = budget.effective();
    this.deadline = System.nanoTime() + this.budget.time().toNanos();
  }

  ExtractionBudget limits() {
    return budget;
  }

  /** The first budget that ran out, or null. */
  Truncation exhausted() {
    return exhausted;
  }

  void exhaust(Truncation which) {
    if (exhausted == null) {
      exhausted = which;
    }
  }

  /** Whether the record's time is up; the first time it is, that is the reason it ends. */
  boolean outOfTime() {
    if (System.nanoTime() - deadline > 0) {
      exhaust(Truncation.TIME_LIMIT);
      return true;
    }
    return false;
  }

  /** Counts one embedded document at the given depth (1 for a file in the record itself). */
  boolean mayDescend(int depth) {
    if (outOfTime()) {
      return false;
    }
    if (depth > budget.depth()) {
      exhaust(Truncation.DEPTH_LIMIT);
      return false;
    }
    if (++embedded > budget.embedded()) {
      exhaust(Truncation.EMBEDDED_LIMIT);
      return false;
    }
    return true;
  }

  /**
   * Whether an embedded image of this size is worth OCR: big enough to hold text (icons and logos
   * are not) and within the OCR budget.
   */
  boolean mayOcr(long pixels) {
    if (pixels < budget.minOcrImagePixels()) {
      return false;
    }
    if (ocrImages + 1 > budget.ocrImages() || ocrPixels + pixels > budget.ocrPixels()) {
      exhaust(Truncation.OCR_LIMIT);
      return false;
    }
    ocrImages++;
    ocrPixels += pixels;
    return true;
  }
}
