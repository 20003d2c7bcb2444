package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Descends into embedded documents (files in an archive, attachments, images in an office file)
 * only within the record's budget. Embedded images are parsed, and so OCR'd, only when they are
 * large enough to hold text and the OCR budget allows; an icon costs nothing.
 */
class BudgetedEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {

  private final RecordBudget budget;
  private final Detector detector;
  private final boolean ocr;
  private int depth;

  BudgetedEmbeddedExtractor(
      ParseContext context, RecordBudget budget, Detector detector, boolean ocr) {
    super(context);
    this.budget = budget;
    this.detector = detector;
    this.ocr = ocr;
  }

  @Override
  public boolean shouldParseEmbedded(Metadata metadata) {
    return !budget.outOfTime() && super.shouldParseEmbedded(metadata);
  }

  @Override
  public void parseEmbedded(
      InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    if (!budget.mayDescend(depth + 1)) {
      return;
    }
    TikaInputStream in = TikaInputStream.get(stream);
    String type = ocr ? type(in, metadata) : null;
    // Only what Tesseract reads counts against the OCR budget; a drawing (EMF, SVG) is parsed.
    if (type != null && ImagePageOcr.reads(type) && !budget.mayOcr(pixels(in))) {
      return;
    }
    depth++;
    try {
      super.parseEmbedded(in, handler, metadata, outputHtml);
    } finally {
      depth--;
    }
  }

  private String type(TikaInputStream in, Metadata metadata) {
    try {
      return detector.detect(in, metadata).getBaseType().toString();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * The image's declared size, read from its header without decoding it (from the file Tika spools
   * the stream to, since a TIFF's header may sit at its end); an image ImageIO cannot size counts
   * as just large enough (Tesseract may still read it, and the pixel budget bounds the cost).
   */
  private long pixels(TikaInputStream in) {
    try (ImageInputStream image = ImageIO.createImageInputStream(in.getPath().toFile())) {
      Iterator<ImageReader> readers = image == null ? null : ImageIO.getImageReaders(image);
      if (readers == null || !readers.hasNext()) {
        return budget.limits().minOcrImagePixels();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(image, true, true);
        return (long) reader.getWidth(0) * reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException unreadable) {
      return budget.limits().minOcrImagePixels();
    }
  }
}
