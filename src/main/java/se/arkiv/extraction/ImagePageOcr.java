package se.arkiv.extraction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR of a scanned image file page by page, each page with its own confidence. The file goes to
 * Tesseract as it is whenever Tesseract reads its format (PNG, JPEG, TIFF, GIF, BMP, JPEG 2000):
 * the pages of a multi-page TIFF are read by one process per core, each told which page to read.
 * Java decodes only what Tesseract does not read, and reads the headers first, so that no page too
 * large for memory is decoded by anyone.
 */
final class ImagePageOcr {

  private static final Logger log = LoggerFactory.getLogger(ImagePageOcr.class);

  /**
   * A page larger than this (about an A1 sheet at 300 dpi, or 180 MB decoded in colour) is not
   * decoded: a small compressed file can declare an image that would fill the heap.
   */
  static final long MAX_PIXELS = 60_000_000L;

  /** ImageIO's format names of the one-image files Tesseract (Leptonica) reads as they are. */
  private static final Set<String> TESSERACT_READS = Set.of("png", "jpeg", "gif", "bmp");

  /** JPEG 2000, which Leptonica reads through OpenJPEG and the JDK does not read at all. */
  private static final Set<String> JPEG_2000 = Set.of("image/jp2", "image/jpx");

  private ImagePageOcr() {}

  /** Whether this service reads the given image type page by page. */
  static boolean reads(String mediaType) {
    return mediaType != null
        && (JPEG_2000.contains(mediaType)
            || mediaType.startsWith("image/")
                && ImageIO.getImageReadersByMIMEType(mediaType).hasNext());
  }

  /** The text and confidences of every page, with at most the given Tesseract processes. */
  static PdfPageOcr.Result read(
      Path image, TesseractOCRConfig config, Path scratch, OcrProcesses processes)
      throws IOException, InterruptedException {
    try (OcrJobs jobs = new OcrJobs(config, scratch, processes)) {
      if (Jpeg2000Header.isJpeg2000(image)) {
        long pixels = Jpeg2000Header.pixels(image);
        if (pixels < 0 || pixels > MAX_PIXELS) {
          log.warn("OCR skips {}: it declares {} pixels", image.getFileName(), pixels);
          return new PdfPageOcr.Result("", List.of());
        }
        jobs.submit(1, image, -1, false);
        return jobs.finish();
      }
      try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
        Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
        if (readers == null || !readers.hasNext()) {
          // Neither Java nor this class knows the format: Tesseract may (PNM, WebP).
          jobs.submit(1, image, -1, false);
          return jobs.finish();
        }
        ImageReader reader = preferred(readers);
        try {
          reader.setInput(in, false, true);
          submitPages(image, reader, jobs, processes.bound());
        } finally {
          reader.dispose();
        }
      }
      PdfPageOcr.Result result = jobs.finish();
      if (result.pages().isEmpty() && jobs.failed() > 0) {
        throw new IOException("no page of " + image.getFileName() + " could be read");
      }
      return result;
    }
  }

  private static void submitPages(Path image, ImageReader reader, OcrJobs jobs, int processes)
      throws IOException, InterruptedException {
    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
    boolean tiff = format.startsWith("tif");
    int count = reader.getNumImages(true);
    List<Integer> pages = new ArrayList<>();
    for (int page = 1; page <= count; page++) {
      try {
        long pixels = (long) reader.getWidth(page - 1) * reader.getHeight(page - 1);
        if (pixels > MAX_PIXELS) {
          log.warn("OCR skips page {} of {}: {} pixels is too large", page, image, pixels);
          continue;
        }
        pages.add(page);
      } catch (IOException | RuntimeException damaged) {
        log.warn("OCR skips page {} of {}: {}", page, image.getFileName(), damaged.toString());
      }
    }
    boolean asItIs = tiff || count == 1 && TESSERACT_READS.contains(format);
    if (asItIs && count > 1 && processes == 1 && pages.size() == count) {
      // One process reads the whole stack where there is one core: Tesseract loads its
      // languages once. Where there are more, each page is a process of its own (Tesseract's
      // tessedit_page_number), so that the stack uses every core.
      jobs.submit(1, image, -1, false);
      return;
    }
    for (int page : pages) {
      if (asItIs) {
        jobs.submit(page, image, count == 1 ? -1 : page - 1, false);
      } else {
        submitDecoded(image, reader, page, jobs);
      }
    }
  }

  /** A frame Tesseract cannot read in this file (a GIF animation, say), decoded in Java. */
  private static void submitDecoded(Path image, ImageReader reader, int page, OcrJobs jobs)
      throws IOException, InterruptedException {
    BufferedImage frame;
    try {
      frame = reader.read(page - 1);
    } catch (IOException | RuntimeException damaged) {
      log.warn("OCR skips page {} of {}: {}", page, image.getFileName(), damaged.toString());
      return;
    }
    jobs.submit(page, GreyPixmap.write(frame, jobs.scratch()), -1, true);
  }

  /**
   * The JDK's own reader when there is one: a library on the class path (jai-imageio, through
   * PDFBox) registers readers for the same formats, and ImageIO's order between them is not fixed,
   * so a damaged file would be read differently from one run to the next.
   */
  static ImageReader preferred(Iterator<ImageReader> readers) {
    ImageReader first = readers.next();
    if (first.getClass().getName().startsWith("com.sun.imageio.")) {
      return first;
    }
    while (readers.hasNext()) {
      ImageReader next = readers.next();
      if (next.getClass().getName().startsWith("com.sun.imageio.")) {
        first.dispose();
        return next;
      }
      next.dispose();
    }
    return first;
  }
}
