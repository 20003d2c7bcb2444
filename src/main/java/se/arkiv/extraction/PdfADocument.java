package se.arkiv.extraction;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.transform.TransformerException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * A PDF/A-2b document being written: page images, each with an invisible text layer (text render
 * mode 3, neither filled nor stroked) in DejaVu Sans, embedded as a subset from the font that ships
 * with the service, so that the copy renders the same anywhere. What PDF/A-2b asks beyond that is
 * added on saving: an sRGB output intent, XMP metadata naming the part and conformance, and a
 * document id. Nothing is transparent (images carry no alpha) and nothing is encrypted.
 */
final class PdfADocument implements Closeable {

  static final String CONFORMANCE = "PDF/A-2b";
  private static final String PRODUCER = "Arkiv (Apache PDFBox)";
  private static final String SRGB = "sRGB IEC61966-2.1";

  /**
   * The horizontal stretch of a word to its box, in percent, is kept within these: a box read
   * wrongly must not make a word a hair or a page wide.
   */
  private static final float MIN_STRETCH = 10;

  private static final float MAX_STRETCH = 1000;

  private final PDDocument document;
  private final Map<Integer, Boolean> encodable = new HashMap<>();
  private PDType0Font font;

  PdfADocument() throws IOException {
    // Page images go to a scratch file, not the heap: a stack of scans would not fit the child.
    document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
    document.setVersion(1.7f);
  }

  PDDocument document() {
    return document;
  }

  /**
   * A page of {@code width} by {@code height} points, the image over all of it, the words on it.
   */
  void addPage(PDImageXObject image, float width, float height, List<PlacedWord> words)
      throws IOException {
    addPage(image, width, height, new PDRectangle(width, height), words);
  }

  /** A page with the image drawn in {@code at} (points from the lower left), the words on it. */
  void addPage(
      PDImageXObject image, float width, float height, PDRectangle at, List<PlacedWord> words)
      throws IOException {
    PDPage page = new PDPage(new PDRectangle(width, height));
    document.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.drawImage(
          image, at.getLowerLeftX(), at.getLowerLeftY(), at.getWidth(), at.getHeight());
      if (words.isEmpty()) {
        return;
      }
      PDType0Font text = font();
      content.beginText();
      content.setRenderingMode(RenderingMode.NEITHER);
      for (int i = 0; i < words.size(); i++) {
        PlacedWord word = words.get(i);
        String shown = encodable(word.text());
        if (shown.isEmpty()) {
          continue;
        }
        float natural = text.getStringWidth(shown) / 1000 * word.size();
        if (natural <= 0) {
          continue;
        }
        float stretch = Math.max(MIN_STRETCH, Math.min(MAX_STRETCH, 100 * word.width() / natural));
        content.setFont(text, word.size());
        content.setHorizontalScaling(stretch);
        content.setTextMatrix(Matrix.getTranslateInstance(word.left(), height - word.baseline()));
        content.showText(shown);
        // A space that fills the gap to the next word of the line, so that a reader's text has
        // the words apart however it judges gaps.
        PlacedWord next = i + 1 < words.size() ? words.get(i + 1) : null;
        float gap = next == null ? 0 : next.left() - word.left() - word.width();
        if (gap > 0 && Math.abs(next.baseline() - word.baseline()) < word.size() / 2) {
          float space = text.getStringWidth(" ") / 1000 * word.size();
          content.setHorizontalScaling(
              Math.max(MIN_STRETCH, Math.min(MAX_STRETCH, 100 * gap / space)));
          content.showText(" ");
        }
      }
      content.endText();
    }
  }

  int pages() {
    return document.getNumberOfPages();
  }

  /** Adds what PDF/A-2b asks of the whole document and writes it. */
  void save(Path target, String title) throws IOException {
    PDDocumentCatalog catalog = document.getDocumentCatalog();
    PDMetadata metadata = new PDMetadata(document);
    metadata.importXMPMetadata(xmp(title));
    catalog.setMetadata(metadata);
    PDOutputIntent intent =
        new PDOutputIntent(
            document,
            new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
    intent.setInfo(SRGB);
    intent.setOutputCondition(SRGB);
    intent.setOutputConditionIdentifier(SRGB);
    intent.setRegistryName("http://www.color.org");
    catalog.addOutputIntent(intent);
    byte[] id = documentId();
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().setDocumentID(ids);
    document.save(target.toFile());
  }

  /**
   * The metadata a reader of the copy needs: its title, what made it, when, and that it is
   * PDF/A-2b. The document information dictionary stays empty, so there is nothing for it to
   * contradict.
   */
  private static byte[] xmp(String title) throws IOException {
    XMPMetadata xmp = XMPMetadata.createXMPMetadata();
    DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
    dc.setTitle(title);
    dc.setFormat("application/pdf");
    AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
    pdf.setProducer(PRODUCER);
    XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
    Calendar now = Calendar.getInstance();
    basic.setCreatorTool(PRODUCER);
    basic.setCreateDate(now);
    basic.setModifyDate(now);
    PDFAIdentificationSchema identification = xmp.createAndAddPDFAIdentificationSchema();
    try {
      identification.setPart(2);
      identification.setConformance("B");
    } catch (BadFieldValueException e) {
      throw new IllegalStateException("xmpbox refuses PDF/A-2b's own identification", e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new XmpSerializer().serialize(xmp, out, true);
    } catch (TransformerException e) {
      throw new IOException("cannot write the XMP metadata: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static byte[] documentId() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The font, loaded the first time a page has words (a scan OCR found nothing on has none). */
  private PDType0Font font() throws IOException {
    if (font == null) {
      try (InputStream in = PdfADocument.class.getResourceAsStream("DejaVuSans.ttf")) {
        if (in == null) {
          throw new IOException("DejaVuSans.ttf is missing from the build");
        }
        font = PDType0Font.load(document, in, true);
      }
    }
    return font;
  }

  /** The characters of {@code text} the font has glyphs for; the others are left out. */
  private String encodable(String text) {
    StringBuilder kept = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (encodable.computeIfAbsent(c, this::hasGlyph)) {
                kept.appendCodePoint(c);
              }
            });
    return kept.toString();
  }

  private boolean hasGlyph(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)) {
      return false;
    }
    try {
      font.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    document.close();
  }
}
