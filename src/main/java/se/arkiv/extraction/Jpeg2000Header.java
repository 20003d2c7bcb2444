package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The size a JPEG 2000 file declares, read from its header without decoding: Java has no JPEG 2000
 * decoder here (Tesseract's Leptonica reads the file through OpenJPEG), yet a small file can
 * declare a page that would fill the memory of the process that decodes it.
 */
final class Jpeg2000Header {

  private static final byte[] JP2_SIGNATURE = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, -121, 10};
  private static final int HEADER_BYTES = 64 * 1024;

  private Jpeg2000Header() {}

  /**
   * Takes any JPEG 2000 reader out of ImageIO in this process, so that the rule above holds
   * whatever the class path brings (a test's or a plugin's jai-imageio): PDFBox and Tika then leave
   * such images to Tesseract, as in the service's own build, and no declared size is ever decoded
   * here.
   *
   * @return the readers taken out
   */
  static List<ImageReaderSpi> withoutJavaDecoders() {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    List<ImageReaderSpi> decoders = new ArrayList<>();
    registry
        .getServiceProviders(ImageReaderSpi.class, false)
        .forEachRemaining(
            reader -> {
              if (readsJpeg2000(reader)) {
                decoders.add(reader);
              }
            });
    decoders.forEach(reader -> registry.deregisterServiceProvider(reader, ImageReaderSpi.class));
    return decoders;
  }

  private static boolean readsJpeg2000(ImageReaderSpi reader) {
    String[] types = reader.getMIMETypes() == null ? new String[0] : reader.getMIMETypes();
    return Arrays.stream(types).anyMatch(type -> type.equals("image/jp2"))
        || Arrays.stream(reader.getFormatNames())
            .anyMatch(name -> name.equalsIgnoreCase("jpeg2000"));
  }

  /** Whether the file starts as a JP2 file or a bare JPEG 2000 codestream. */
  static boolean isJpeg2000(Path file) throws IOException {
    byte[] start = head(file, JP2_SIGNATURE.length);
    return startsWithSignature(start) || isCodestream(start, 0);
  }

  /** The declared width × height, or -1 if the header cannot be found. */
  static long pixels(Path file) throws IOException {
    byte[] head = head(file, HEADER_BYTES);
    for (int i = 0; i + 12 <= head.length; i++) {
      // JP2: the image header box, 'ihdr' then height and width (4 bytes each).
      if (head[i] == 'i' && head[i + 1] == 'h' && head[i + 2] == 'd' && head[i + 3] == 'r') {
        return uint(head, i + 4) * uint(head, i + 8);
      }
      // Codestream: SOC then the SIZ marker, whose width and height follow Lsiz and Rsiz, less
      // the image offsets.
      if (isCodestream(head, i) && i + 4 + 20 <= head.length) {
        int siz = i + 4 + 4;
        return (uint(head, siz) - uint(head, siz + 8))
            * (uint(head, siz + 4) - uint(head, siz + 12));
      }
    }
    return -1;
  }

  private static boolean startsWithSignature(byte[] start) {
    if (start.length < JP2_SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < JP2_SIGNATURE.length; i++) {
      if (start[i] != JP2_SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCodestream(byte[] bytes, int at) {
    return at + 4 <= bytes.length
        && (bytes[at] & 0xff) == 0xff
        && (bytes[at + 1] & 0xff) == 0x4f
        && (bytes[at + 2] & 0xff) == 0xff
        && (bytes[at + 3] & 0xff) == 0x51;
  }

  private static long uint(byte[] bytes, int at) {
    return ((bytes[at] & 0xffL) << 24)
        | ((bytes[at + 1] & 0xffL) << 16)
        | ((bytes[at + 2] & 0xffL) << 8)
        | (bytes[at + 3] & 0xffL);
  }

  private static byte[] head(Path file, int bytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(bytes);
    }
  }
}
