package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.record.OcrPage;

/**
 * The pages of one document on their way through Tesseract: up to {@link OcrProcesses#bound()}
 * processes at once, while the caller prepares the next page image. No thread is needed to wait for
 * them: a process runs by itself and writes its result to files, and the caller collects the oldest
 * when it needs a free slot or at the end.
 */
final class OcrJobs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OcrJobs.class);

  /** A page (or, with {@code frame} -1, every page of a file from {@code firstPage} on). */
  private record Job(int firstPage, Path image, int frame, boolean temporary, TesseractRun run) {}

  private record Read(int page, String text, double confidence, OcrLayout layout) {}

  private final TesseractOCRConfig config;
  private final Path scratch;
  private final OcrProcesses processes;
  private final Deque<Job> running = new ArrayDeque<>();
  private final List<Read> read = new ArrayList<>();
  private int failed;

  OcrJobs(TesseractOCRConfig config, Path scratch, OcrProcesses processes) {
    this.config = config;
    this.scratch = scratch;
    this.processes = processes;
  }

  /**
   * Starts Tesseract on one image file, waiting first for a free process if all are busy.
   *
   * @param frame the page of a multi-page TIFF to read (from 0), or -1 for the whole file
   * @param temporary whether the image was written for this and is deleted once read
   */
  void submit(int firstPage, Path image, int frame, boolean temporary)
      throws IOException, InterruptedException {
    while (!processes.tryAcquire()) {
      if (running.isEmpty()) {
        processes.acquire(); // others hold every process; none of ours to wait for
        break;
      }
      collectOldest();
    }
    TesseractRun run;
    try {
      run = start(image, frame, TesseractRun.AUTOMATIC);
    } catch (IOException | RuntimeException e) {
      processes.release();
      throw e;
    }
    running.addLast(new Job(firstPage, image, frame, temporary, run));
  }

  private TesseractRun start(Path image, int frame, String segmentation) throws IOException {
    return TesseractRun.start(
        image, frame, segmentation, config.getLanguage(), config.getTimeoutSeconds(), scratch);
  }

  private void collectOldest() throws IOException, InterruptedException {
    Job job = running.removeFirst();
    try (TesseractRun run = job.run()) {
      List<TesseractRun.Page> pages = run.await();
      if (pages.size() == 1 && pages.get(0).text().isEmpty()) {
        // Layout analysis can take a scanned strip for a picture; reading the page as sparse
        // text finds the words. Only then: it is a second full run of the page.
        try (TesseractRun sparse = start(job.image(), job.frame(), TesseractRun.SPARSE)) {
          pages = sparse.await();
        }
      }
      for (int i = 0; i < pages.size(); i++) {
        TesseractRun.Page page = pages.get(i);
        read.add(new Read(job.firstPage() + i, page.text(), page.confidence(), page.layout()));
      }
    } catch (IOException damaged) {
      // A damaged page of a scanner's stack: the others are still worth reading.
      log.warn("OCR skips page {}: {}", job.firstPage(), damaged.getMessage());
      failed++;
    } finally {
      processes.release();
      if (job.temporary()) {
        Files.deleteIfExists(job.image());
      }
    }
  }

  /** Every page read so far and still running, in page order. */
  PdfPageOcr.Result finish() throws IOException, InterruptedException {
    while (!running.isEmpty()) {
      collectOldest();
    }
    read.sort(Comparator.comparingInt(Read::page));
    StringBuilder text = new StringBuilder();
    List<OcrPage> pages = new ArrayList<>();
    Map<Integer, OcrLayout> layouts = new HashMap<>();
    for (Read page : read) {
      text.append('\n').append(page.text());
      pages.add(new OcrPage(page.page(), page.confidence()));
      if (page.layout() != null) {
        layouts.put(page.page(), page.layout());
      }
    }
    return new PdfPageOcr.Result(text.toString().strip(), pages, layouts);
  }

  Path scratch() {
    return scratch;
  }

  /** Pages that could not be read at all (not those read as blank). */
  int failed() {
    return failed;
  }

  /** Stops what still runs (the extraction's time is up, or it failed) and cleans up. */
  @Override
  public void close() throws IOException {
    while (!running.isEmpty()) {
      Job job = running.removeFirst();
      try {
        job.run().close();
      } finally {
        processes.release();
        if (job.temporary()) {
          Files.deleteIfExists(job.image());
        }
      }
    }
  }
}
