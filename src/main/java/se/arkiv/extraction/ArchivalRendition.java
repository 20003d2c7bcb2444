package se.arkiv.extraction;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The archival copy of a PDF or a scanned image: a PDF/A-2b made of the page images with an
 * invisible text layer, as archives keep scans. A scan's words are laid out where Tesseract found
 * them (its hOCR, handed on by the extraction's own OCR: nothing is read twice); a born-digital PDF
 * page is drawn as an image at {@value #DIGITAL_DPI} dpi with its own text laid over it, word by
 * word, where it was printed. That loses the vector text, but is valid PDF/A whatever fonts,
 * transparency or colours the original used. Anything else (office files, e-mails) gets no copy;
 * the reason says why. The original is never touched.
 *
 * <p>A scan's own image goes in as it is wherever it can ({@link ScanAsItIs}): a PNG or JPEG file,
 * and a PDF page that is one JPEG or JPEG 2000 image, as a scanner writes it.
 *
 * <p>Why it is over 300 lines: the two sources, PDF pages and image frames, each with its memory
 * guard and its way of taking a scan as it is, read in order here; the PDF/A document ({@link
 * PdfADocument}) and the word layout ({@link PdfPageWords}, {@link OcrLayout}) are classes of their
 * own.
 */
final class ArchivalRendition {

  /** A copy larger than this is not kept: the service reads it whole into the store. */
  static final long MAX_BYTES = 100L * 1024 * 1024;

  /** Born-digital pages: sharp enough to read text of 6 pt, small enough to keep. */
  static final float DIGITAL_DPI = 150;

  /** Scanned PDF pages are drawn again at a scanner's usual resolution. */
  private static final float SCAN_DPI = 300;

  /** A scan that does not say its resolution is taken as a scanner's usual one. */
  private static final float DEFAULT_IMAGE_DPI = 300;

  private static final float JPEG_QUALITY = 0.85f;

  /**
   * The most pixels a page image may have here: the child stops at its first OutOfMemoryError, and
   * a page costs about 16 bytes a pixel on its way (decoded, converted, compressed), so a copy too
   * large for the child is given up with a reason rather than failing the record's extraction.
   */
  static long maxPixels() {
    return Math.min(ImagePageOcr.MAX_PIXELS, Runtime.getRuntime().maxMemory() / 16);
  }

  private ArchivalRendition() {}

  /** Whether the type is converted at all: PDFs, and images Java decodes. */
  static boolean converts(String mediaType) {
    return "application/pdf".equals(mediaType)
        || mediaType != null
            && mediaType.startsWith("image/")
            && ImageIO.getImageReadersByMIMEType(mediaType).hasNext();
  }

  /**
   * Makes the copy beside {@code file}.
   *
   * @param ocr where OCR found the words of each page (by page number, from 1), for scans
   */
  static ExtractedText.Archival make(
      Path file, String mediaType, String fileName, Map<Integer, OcrLayout> ocr, Path scratch) {
    return make(file, mediaType, fileName, ocr, scratch, drawn -> {});
  }

  /**
   * Makes the copy beside {@code file}, handing {@code firstPage} the first page of a PDF as it is
   * drawn for the copy (nothing when that page goes in as a scan as it is, or is not drawn).
   */
  static ExtractedText.Archival make(
      Path file,
      String mediaType,
      String fileName,
      Map<Integer, OcrLayout> ocr,
      Path scratch,
      Consumer<BufferedImage> firstPage) {
    if (!converts(mediaType)) {
      return ExtractedText.Archival.notMade(
          "no archival copy is made of "
              + (mediaType == null ? "files of unknown type" : mediaType)
              + ": only PDFs and images are converted to PDF/A; the original is the copy kept");
    }
    Path target = null;
    try (PdfADocument copy = new PdfADocument()) {
      String refused =
          "application/pdf".equals(mediaType)
              ? pdfPages(file, ocr, copy, firstPage)
              : imagePages(file, ocr, copy);
      if (refused != null) {
        return ExtractedText.Archival.notMade(refused);
      }
      if (copy.pages() == 0) {
        return ExtractedText.Archival.notMade("the original has no page to convert");
      }
      target = Files.createTempFile(scratch, "archival-", ".pdf");
      copy.save(target, fileName == null ? "" : fileName);
      if (Files.size(target) > MAX_BYTES) {
        Files.deleteIfExists(target);
        return ExtractedText.Archival.notMade(
            "the archival copy would be larger than " + MAX_BYTES / 1024 / 1024 + " MB");
      }
      return new ExtractedText.Archival(target, copy.pages(), null);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(target);
      return ExtractedText.Archival.notMade(
          "the archival copy could not be made: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /** Every page of the PDF as an image with its words; a reason when the PDF cannot be read. */
  private static String pdfPages(
      Path file, Map<Integer, OcrLayout> ocr, PdfADocument copy, Consumer<BufferedImage> firstPage)
      throws IOException {
    PDDocument source;
    try {
      source = Loader.loadPDF(file.toFile());
    } catch (InvalidPasswordException e) {
      return "the PDF is encrypted with a password, so it cannot be converted; the original is kept"
          + " as filed";
    } catch (IOException e) {
      return "the PDF cannot be read ("
          + e.getMessage()
          + "), so it cannot be converted; the"
          + " original is kept as filed";
    }
    try (source) {
      PDFRenderer renderer = new PDFRenderer(source);
      // An image drawn small is decoded at the size it is drawn, not at its own.
      renderer.setSubsamplingAllowed(true);
      for (int page = 1; page <= source.getNumberOfPages(); page++) {
        PDPage pdfPage = source.getPage(page - 1);
        PDRectangle box = pdfPage.getCropBox();
        boolean turned = pdfPage.getRotation() % 180 != 0;
        float width = turned ? box.getHeight() : box.getWidth();
        float height = turned ? box.getWidth() : box.getHeight();
        OcrLayout scanned = ocr.get(page);
        // A turned page is no scanner's page (ScannedPdfPage.scanOf), so it is drawn below.
        if (scanned != null && scanAsItIs(pdfPage, scanned, width, height, copy)) {
          continue;
        }
        long largest = largestImage(pdfPage.getResources(), 0);
        if (largest > maxPixels()) {
          // Rendering decodes it whole first: a child out of memory would fail the record's text.
          return "page " + page + " holds an image too large to convert (" + largest + " pixels)";
        }
        float dpi = limited(scanned == null ? DIGITAL_DPI : SCAN_DPI, width, height);
        BufferedImage image = renderer.renderImageWithDPI(page - 1, dpi, ImageType.RGB);
        if (page == 1) {
          firstPage.accept(image);
        }
        PDImageXObject drawn =
            scanned == null
                ? LosslessFactory.createFromImage(copy.document(), image)
                : JPEGFactory.createFromImage(copy.document(), image, JPEG_QUALITY, (int) dpi);
        List<PlacedWord> words =
            scanned == null ? PdfPageWords.of(source, page) : placed(scanned, width, height);
        copy.addPage(drawn, width, height, words);
      }
    }
    return null;
  }

  /**
   * A scanner's page with its image as it is, drawn where the original draws it, the words OCR
   * found in that image laid over it; false when the page is not one (the caller draws it instead).
   */
  private static boolean scanAsItIs(
      PDPage page, OcrLayout scanned, float width, float height, PdfADocument copy)
      throws IOException {
    ScannedPdfPage.Scan scan = ScannedPdfPage.scanOf(page);
    PDImageXObject image = scan == null ? null : ScanAsItIs.pdfPage(scan.image(), copy.document());
    if (image == null) {
      return false;
    }
    // OCR read this same image (ScannedPdfPage.write): its pixels map to the image's rectangle.
    float top = height - scan.y() - scan.height();
    List<PlacedWord> words =
        placed(scanned, scan.width(), scan.height()).stream()
            .map(word -> word.moved(scan.x(), top))
            .toList();
    copy.addPage(
        image,
        width,
        height,
        new PDRectangle(scan.x(), scan.y(), scan.width(), scan.height()),
        words);
    return true;
  }

  /** Every frame of the image file as a page; a reason when it cannot be decoded. */
  private static String imagePages(Path file, Map<Integer, OcrLayout> ocr, PdfADocument copy)
      throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return "the image cannot be decoded, so it cannot be converted; the original is kept as"
            + " filed";
      }
      ImageReader reader = ImagePageOcr.preferred(readers);
      try {
        reader.setInput(in, false, false);
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        int count = reader.getNumImages(true);
        for (int frame = 0; frame < count; frame++) {
          long pixels = (long) reader.getWidth(frame) * reader.getHeight(frame);
          boolean jpeg = count == 1 && format.equals("jpeg");
          if (pixels > (jpeg ? ImagePageOcr.MAX_PIXELS : maxPixels())) {
            return "page " + (frame + 1) + " is too large to convert (" + pixels + " pixels)";
          }
          float dpi = resolution(reader.getImageMetadata(frame));
          int pixelWidth = reader.getWidth(frame);
          int pixelHeight = reader.getHeight(frame);
          PDImageXObject drawn = null;
          if (jpeg) {
            drawn = ScanAsItIs.jpeg(file, copy.document());
          } else if (count == 1 && format.equals("png")) {
            drawn = ScanAsItIs.png(file, copy.document());
          }
          if (drawn == null) {
            if (pixels > maxPixels()) {
              return "page " + (frame + 1) + " is too large to convert (" + pixels + " pixels)";
            }
            drawn = LosslessFactory.createFromImage(copy.document(), opaque(reader.read(frame)));
          }
          float width = pixelWidth * 72f / dpi;
          float height = pixelHeight * 72f / dpi;
          OcrLayout layout = ocr.get(frame + 1);
          copy.addPage(
              drawn, width, height, layout == null ? List.of() : placed(layout, width, height));
        }
      } finally {
        reader.dispose();
      }
    }
    return null;
  }

  /** The pixels of the largest image a page (or a form on it, three deep) draws. */
  private static long largestImage(PDResources resources, int depth) throws IOException {
    if (resources == null || depth > 3) {
      return 0;
    }
    long largest = 0;
    for (COSName name : resources.getXObjectNames()) {
      PDXObject object = resources.getXObject(name);
      if (object instanceof PDImageXObject image) {
        largest = Math.max(largest, (long) image.getWidth() * image.getHeight());
      } else if (object instanceof PDFormXObject form) {
        largest = Math.max(largest, largestImage(form.getResources(), depth + 1));
      }
    }
    return largest;
  }

  /** The words of a page OCR read, from the pixels of the image it read to the page's points. */
  private static List<PlacedWord> placed(OcrLayout layout, float width, float height) {
    if (layout.width() <= 0 || layout.height() <= 0) {
      return List.of();
    }
    float scaleX = width / layout.width();
    float scaleY = height / layout.height();
    List<PlacedWord> words = new ArrayList<>();
    for (OcrLayout.Word word : layout.words()) {
      words.add(PlacedWord.fromOcr(word, scaleX, scaleY));
    }
    return words;
  }

  /**
   * The image without alpha and in grey or RGB: PDF/A-2b allows soft masks, but an archival copy
   * has no transparency to flatten later; a palette is expanded, so white stays white.
   */
  private static BufferedImage opaque(BufferedImage image) {
    int type = image.getType();
    boolean blackFirst =
        type == BufferedImage.TYPE_BYTE_BINARY
            && image.getColorModel() instanceof IndexColorModel palette
            && (palette.getRGB(0) & 0xffffff) == 0;
    if (type == BufferedImage.TYPE_BYTE_GRAY
        || type == BufferedImage.TYPE_INT_RGB
        || type == BufferedImage.TYPE_3BYTE_BGR
        || blackFirst) {
      return image;
    }
    boolean grey = image.getColorModel().getNumColorComponents() == 1;
    BufferedImage flat =
        new BufferedImage(
            image.getWidth(),
            image.getHeight(),
            grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = flat.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return flat;
  }

  /** The resolution the image declares (pixels per inch), or a scanner's usual one. */
  private static float resolution(IIOMetadata metadata) {
    try {
      IIOMetadataNode root =
          (IIOMetadataNode) metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
      var sizes = root.getElementsByTagName("HorizontalPixelSize");
      if (sizes.getLength() > 0) {
        float millimetres =
            Float.parseFloat(((IIOMetadataNode) sizes.item(0)).getAttribute("value"));
        float dpi = 25.4f / millimetres;
        if (dpi >= 50 && dpi <= 2400) {
          return dpi;
        }
      }
    } catch (RuntimeException unusual) {
      // no usable resolution: the default below
    }
    return DEFAULT_IMAGE_DPI;
  }

  /** The resolution lowered for a page so large its image would not fit the memory it deserves. */
  private static float limited(float dpi, float width, float height) {
    double pixels = (width / 72 * dpi) * (height / 72 * dpi);
    return pixels <= maxPixels() ? dpi : (float) (dpi * Math.sqrt(maxPixels() / pixels));
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the spool is emptied at the next start
    }
  }
}
