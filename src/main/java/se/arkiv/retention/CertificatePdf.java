package se.arkiv.retention;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** The certificate of destruction as a PDF: every line of the JSON certificate, paginated. */
final class CertificatePdf {

  private static final float FONT_SIZE = 8;
  private static final float LEADING = 11;
  private static final float MARGIN = 40;
  private static final Charset WIN_ANSI = Charset.forName("windows-1252");

  private CertificatePdf() {}

  static byte[] render(String heading, List<String> lines) {
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      int perPage = (int) ((PDRectangle.A4.getHeight() - 2 * MARGIN) / LEADING) - 2;
      List<String> all = new ArrayList<>(lines);
      int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
      for (int page = 0; page < pages; page++) {
        PDPage pdfPage = new PDPage(PDRectangle.A4);
        document.addPage(pdfPage);
        try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
          content.beginText();
          content.setLeading(LEADING);
          content.newLineAtOffset(MARGIN, PDRectangle.A4.getHeight() - MARGIN);
          content.setFont(bold, 11);
          content.showText(safe(heading + "  (page " + (page + 1) + " of " + pages + ")"));
          content.newLine();
          content.newLine();
          content.setFont(regular, FONT_SIZE);
          for (int i = page * perPage; i < Math.min(all.size(), (page + 1) * perPage); i++) {
            content.showText(safe(all.get(i)));
            content.newLine();
          }
          content.endText();
        }
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make the certificate PDF", e);
    }
  }

  /** The standard fonts know Windows-1252 only; anything else is shown as '?'. */
  private static String safe(String text) {
    CharsetEncoder encoder = WIN_ANSI.newEncoder();
    StringBuilder safe = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              String c = new String(Character.toChars(cp));
              safe.append(cp >= 32 && encoder.canEncode(c) ? c : "?");
            });
    return safe.toString();
  }
}
