package se.arkiv.extraction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.record.OcrPage;

/**
 * OCR of a scanned image page by page: a multi-page TIFF from a document scanner gives every page
 * to Tesseract on its own, with its own confidence, instead of trusting one Tesseract run to walk
 * all the frames. A file Java's ImageIO cannot decode goes to Tika's OCR whole, as one page.
 */
final class ImagePageOcr {

  private static final Logger log = LoggerFactory.getLogger(ImagePageOcr.class);

  /**
   * A page larger than this (about an A1 sheet at 300 dpi, or 180 MB decoded in colour) is not
   * decoded: a small compressed file can declare an image that would fill the heap.
   */
  static final long MAX_PIXELS = 60_000_000L;

  private ImagePageOcr() {}

  /** Whether this service reads the given image type page by page. */
  static boolean reads(String mediaType) {
    return mediaType != null
        && mediaType.startsWith("image/")
        && ImageIO.getImageReadersByMIMEType(mediaType).hasNext();
  }

  /** The text and confidences of every page. */
  static PdfPageOcr.Result read(
      Path image, AutoDetectParser parser, TesseractOCRConfig config, Path scratch)
      throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return wholeFile(image, parser, config);
      }
      ImageReader reader = preferred(readers);
      try {
        reader.setInput(in, false, true);
        StringBuilder text = new StringBuilder();
        List<OcrPage> pages = new ArrayList<>();
        int count = reader.getNumImages(true);
        int unreadable = 0;
        for (int page = 1; page <= count; page++) {
          BufferedImage frame;
          try {
            long pixels = (long) reader.getWidth(page - 1) * reader.getHeight(page - 1);
            if (pixels > MAX_PIXELS) {
              log.warn("OCR skips page {} of {}: {} pixels is too large", page, image, pixels);
              continue;
            }
            frame = reader.read(page - 1);
          } catch (IOException | RuntimeException damaged) {
            // A damaged page of a scanner's stack: the others are still worth reading.
            log.warn("OCR skips page {} of {}: {}", page, image, damaged.toString());
            unreadable++;
            continue;
          }
          try {
            PageOcr.Page read = PageOcr.read(frame, parser, config, scratch);
            text.append('\n').append(read.text());
            pages.add(new OcrPage(page, read.confidence()));
          } catch (Exception failed) {
            if (Thread.currentThread().isInterrupted()) {
              throw failed; // the extraction's time is up: stop, do not skip
            }
            log.warn("OCR of page {} of {} failed: {}", page, image, failed.toString());
            unreadable++;
          }
        }
        if (unreadable == count) {
          return wholeFile(image, parser, config);
        }
        return new PdfPageOcr.Result(text.toString().strip(), pages);
      } finally {
        reader.dispose();
      }
    } catch (IOException unreadable) {
      // ImageIO cannot decode it after all; Tika's OCR of the whole file is the fallback.
      return wholeFile(image, parser, config);
    }
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

  private static PdfPageOcr.Result wholeFile(
      Path image, AutoDetectParser parser, TesseractOCRConfig config) throws Exception {
    PageOcr.Page read = PageOcr.read(image, parser, config);
    return new PdfPageOcr.Result(read.text(), List.of(new OcrPage(1, read.confidence())));
  }
}
