package se.arkiv.extraction;

import java.util.concurrent.Semaphore;

/**
 * The bound on Tesseract processes running at once in this JVM, shared by every extraction: one
 * process per core keeps the cores busy without making pages wait on each other for CPU. Each
 * process runs one OpenMP thread (see {@link TesseractRun}), so the bound is also the number of
 * cores OCR may use.
 */
final class OcrProcesses {

  private final int bound;
  private final Semaphore permits;

  /**
   * @param bound Tesseract processes at most at once; at least 1
   */
  OcrProcesses(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("at least one Tesseract process is needed: " + bound);
    }
    this.bound = bound;
    this.permits = new Semaphore(bound, true);
  }

  int bound() {
    return bound;
  }

  boolean tryAcquire() {
    return permits.tryAcquire();
  }

  void acquire() throws InterruptedException {
    permits.acquire();
  }

  void release() {
    permits.release();
  }
}
