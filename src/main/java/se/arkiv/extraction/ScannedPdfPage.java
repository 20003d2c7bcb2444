package se.arkiv.extraction;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.util.Matrix;

/**
 * The image of a scanned PDF page, written to a file for Tesseract. A scanner's page is one JPEG or
 * JPEG 2000 image drawn upright over the page: its stream is already a file Tesseract reads, so it
 * is written out as it is, at the scan's own resolution, neither decoded nor re-encoded (and a JPEG
 * 2000 scan, which PDFBox cannot decode without a decoder this service does not ship, is read by
 * Tesseract's OpenJPEG). Any other page is rendered at 300 dpi, as before.
 */
final class ScannedPdfPage extends PDFGraphicsStreamEngine {

  private static final float DPI = 300;

  private int images;
  private boolean painted;
  private PDImageXObject image;
  private Matrix placement;

  private ScannedPdfPage(PDPage page) {
    super(page);
  }

  /** The page image as a file in {@code scratch}, deleted by the caller once read. */
  static Path write(PDDocument document, PDFRenderer renderer, int page, Path scratch)
      throws IOException {
    PDPage pdfPage = document.getPage(page - 1);
    ScannedPdfPage scan = read(pdfPage);
    if (scan != null) {
      return copy(scan.image, isJpeg2000(scan.image) ? ".jp2" : ".jpg", scratch);
    }
    return GreyPixmap.write(
        renderer.renderImageWithDPI(page - 1, dpi(pdfPage), ImageType.GRAY), scratch);
  }

  /**
   * A scanner's page: its one JPEG or JPEG 2000 image and where it is drawn, in points from the
   * page's lower left corner (upright, unturned, over the whole page or within margins).
   */
  record Scan(PDImageXObject image, float x, float y, float width, float height) {}

  /** The page as a scanner's page, which the archival copy can take as it is; null otherwise. */
  static Scan scanOf(PDPage page) throws IOException {
    ScannedPdfPage scan = read(page);
    if (scan == null) {
      return null;
    }
    Matrix at = scan.placement;
    return new Scan(
        scan.image,
        at.getTranslateX() - page.getCropBox().getLowerLeftX(),
        at.getTranslateY() - page.getCropBox().getLowerLeftY(),
        at.getScaleX(),
        at.getScaleY());
  }

  static boolean isJpeg2000(PDImageXObject image) {
    return COSName.JPX_DECODE.equals(image.getStream().getFilters().get(0));
  }

  /** The page read for its one upright image, or null if it has another form. */
  private static ScannedPdfPage read(PDPage page) throws IOException {
    if (!hasOneRawImage(page)) {
      return null;
    }
    ScannedPdfPage scan = new ScannedPdfPage(page);
    scan.processPage(page);
    return scan.isOneUprightImage() ? scan : null;
  }

  /**
   * Whether the page's one image stream is already a file Tesseract reads (JPEG or JPEG 2000), and
   * not of another form: more than one image or form, a rotation, or an image Tesseract would see
   * differently from the page (a mask, a decode array, CMYK).
   */
  private static boolean hasOneRawImage(PDPage page) throws IOException {
    if (page.getRotation() % 360 != 0 || page.getResources() == null) {
      return false;
    }
    int objects = 0;
    PDImageXObject image = null;
    for (COSName name : page.getResources().getXObjectNames()) {
      objects++;
      if (page.getResources().isImageXObject(name)) {
        image = (PDImageXObject) page.getResources().getXObject(name);
      }
    }
    if (objects != 1 || image == null || image.isStencil() || image.getDecode() != null) {
      return false;
    }
    if ((long) image.getWidth() * image.getHeight() > ImagePageOcr.MAX_PIXELS) {
      return false;
    }
    List<COSName> filters = image.getStream().getFilters();
    if (filters.size() != 1) {
      return false;
    }
    if (COSName.JPX_DECODE.equals(filters.get(0))) {
      return true; // the colour space is in the stream itself
    }
    if (COSName.DCT_DECODE.equals(filters.get(0))) {
      int components;
      try {
        PDColorSpace colours = image.getColorSpace();
        components = colours.getNumberOfComponents();
      } catch (IOException | RuntimeException unusual) {
        return false; // rendering copes with what this cannot tell
      }
      return components == 1 || components == 3;
    }
    return false;
  }

  private boolean isOneUprightImage() {
    return images == 1
        && !painted
        && image != null
        && placement.getScaleX() > 0
        && placement.getScaleY() > 0
        && placement.getShearX() == 0
        && placement.getShearY() == 0;
  }

  private static Path copy(PDImageXObject image, String extension, Path scratch)
      throws IOException {
    Path file = Files.createTempFile(scratch, "ocr-page-", extension);
    try (InputStream raw = image.getCOSObject().createRawInputStream();
        OutputStream out = Files.newOutputStream(file)) {
      raw.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** 300 dpi, less for a page so large that its image would not fit the memory it deserves. */
  private static float dpi(PDPage page) {
    PDRectangle box = page.getCropBox();
    double pixels = (box.getWidth() / 72 * DPI) * (box.getHeight() / 72 * DPI);
    return pixels <= ImagePageOcr.MAX_PIXELS
        ? DPI
        : (float) (DPI * Math.sqrt(ImagePageOcr.MAX_PIXELS / pixels));
  }

  @Override
  public void drawImage(PDImage drawn) {
    images++;
    if (drawn instanceof PDImageXObject xobject) {
      image = xobject;
      placement = getGraphicsState().getCurrentTransformationMatrix().clone();
    }
  }

  @Override
  public void strokePath() {
    painted = true;
  }

  @Override
  public void fillPath(int windingRule) {
    painted = true;
  }

  @Override
  public void fillAndStrokePath(int windingRule) {
    painted = true;
  }

  @Override
  public void shadingFill(COSName shadingName) {
    painted = true;
  }

  // Paths are only painted or not: their shape does not matter here.

  @Override
  public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {}

  @Override
  public void clip(int windingRule) {}

  @Override
  public void moveTo(float x, float y) {}

  @Override
  public void lineTo(float x, float y) {}

  @Override
  public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {}

  @Override
  public Point2D getCurrentPoint() {
    return new Point2D.Float();
  }

  @Override
  public void closePath() {}

  @Override
  public void endPath() {}
}
