package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.color.PDICCBased;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A scan put into the archival copy as it is: its compressed image, neither decoded nor re-encoded.
 * That keeps the scanner's pixels exactly, costs a copy of bytes instead of a decode and a
 * compression per page (for a one-page PNG about a fifth of Tesseract's own time), and is the only
 * way a JPEG 2000 scan gets into the copy at all, since this service has no JPEG 2000 decoder for
 * PDFBox to draw it with. Each method gives null where the image cannot go in as it is; the caller
 * then draws it as before.
 */
final class ScanAsItIs {

  private ScanAsItIs() {}

  /**
   * A JPEG file, when it is grey or RGB (PDF/A allows CMYK only under a CMYK output intent).
   *
   * @return null when it is neither
   */
  static PDImageXObject jpeg(Path file, PDDocument copy) throws IOException {
    PDImageXObject jpeg = JPEGFactory.createFromByteArray(copy, Files.readAllBytes(file));
    int components = jpeg.getColorSpace().getNumberOfComponents();
    return components == 1 || components == 3 ? jpeg : null;
  }

  /**
   * A PNG file, its compressed rows taken over by PDFBox's {@code PNGConverter}.
   *
   * @return null when it has transparency: the copy has none to flatten later, so such an image is
   *     drawn on white by the caller
   */
  static PDImageXObject png(Path file, PDDocument copy) throws IOException {
    PDImageXObject png =
        PDImageXObject.createFromByteArray(
            copy, Files.readAllBytes(file), file.getFileName().toString());
    COSDictionary image = png.getCOSObject();
    return image.containsKey(COSName.SMASK) || image.containsKey(COSName.MASK) ? null : png;
  }

  /**
   * The JPEG or JPEG 2000 image of a scanned PDF page ({@link ScannedPdfPage#wholePageScan}).
   *
   * @return null when the image names a colour space other than grey, RGB or an ICC profile (a
   *     palette, say)
   */
  static PDImageXObject pdfPage(PDImageXObject scan, PDDocument copy) throws IOException {
    boolean jpeg2000 = ScannedPdfPage.isJpeg2000(scan);
    COSBase named = scan.getCOSObject().getDictionaryObject(COSName.COLORSPACE);
    PDColorSpace colours;
    if (COSName.DEVICEGRAY.equals(named)) {
      colours = PDDeviceGray.INSTANCE;
    } else if (COSName.DEVICERGB.equals(named)) {
      colours = PDDeviceRGB.INSTANCE;
    } else if (named == null && jpeg2000) {
      colours = null; // a JPEG 2000 stream carries its own colour space
    } else if (named instanceof COSArray && scan.getColorSpace() instanceof PDICCBased profiled) {
      colours = iccBased(profiled, copy);
    } else {
      return null;
    }
    PDImageXObject image;
    try (InputStream raw = scan.getCOSObject().createRawInputStream()) {
      image =
          new PDImageXObject(
              copy,
              raw,
              jpeg2000 ? COSName.JPX_DECODE : COSName.DCT_DECODE,
              scan.getWidth(),
              scan.getHeight(),
              jpeg2000 ? 8 : scan.getBitsPerComponent(),
              colours);
    }
    if (jpeg2000) {
      // The stream says its depth; ISO 32000 has a reader ignore this entry for JPXDecode.
      image.getCOSObject().removeItem(COSName.BITS_PER_COMPONENT);
    }
    return image;
  }

  /**
   * The scan's ICC profile, as a colour space of the copy: PDF/A takes ICC-based colour as it is,
   * and a scanner that embeds its profile means its grey or RGB by it.
   */
  private static PDColorSpace iccBased(PDICCBased source, PDDocument copy) throws IOException {
    byte[] profile = source.getPDStream().toByteArray();
    COSStream stream = copy.getDocument().createCOSStream();
    try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
      out.write(profile);
    }
    stream.setInt(COSName.N, source.getNumberOfComponents());
    COSArray array = new COSArray();
    array.add(COSName.ICCBASED);
    array.add(stream);
    return PDICCBased.create(array, null);
  }
}
