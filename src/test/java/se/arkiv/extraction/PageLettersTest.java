package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.TestDocuments;

class PageLettersTest {

  private static final int MINIMUM = 40;
  private static final String LETTER =
      "Kontoavtal mellan banken och kunden 9911, undertecknat i Stockholm";

  @Test
  void aPdfWithTextOnEveryPageNeedsNoSecondLook() throws Exception {
    assertThat(textOnEveryPage(TestDocuments.pdf(LETTER, "Andra raden av avtalet"))).isTrue();
  }

  @Test
  void aScannedPageAfterATextPageIsLeftToThePageByPageCheck() throws Exception {
    byte[] mixed = TestDocuments.mixedPdf(LETTER, TestDocuments.scan(0, "Kvitto taxi 245 kr"));

    assertThat(textOnEveryPage(mixed)).isFalse();
  }

  @Test
  void aPageWithFewLettersIsLeftToThePageByPageCheck() throws Exception {
    // A scan with a short stamp on it has a text layer too: only PdfPageOcr's count tells.
    assertThat(textOnEveryPage(TestDocuments.pdf("Inkom 2026-12-01"))).isFalse();
  }

  @Test
  void anAnnotationsTextIsNotThePagesText() throws Exception {
    byte[] noted;
    try (PDDocument document = Loader.loadPDF(TestDocuments.imagePdf(TestDocuments.scan(0, "")))) {
      PDPage page = document.getPage(0);
      PDAnnotationText note = new PDAnnotationText();
      note.setRectangle(new PDRectangle(50, 700, 20, 20));
      note.setContents(LETTER + " " + LETTER);
      page.getAnnotations().add(note);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      noted = out.toByteArray();
    }
    Parsed parsed = parsed(noted);
    // Tika reads the note; it is not the page's own text.
    assertThat(parsed.text()).contains("Kontoavtal");
    assertThat(parsed.letters().textOnEveryPage(parsed.metadata(), MINIMUM)).isFalse();
  }

  private record Parsed(PageLetters letters, Metadata metadata, String text) {}

  private static boolean textOnEveryPage(byte[] pdf) throws Exception {
    Parsed parsed = parsed(pdf);
    return parsed.letters().textOnEveryPage(parsed.metadata(), MINIMUM);
  }

  private static Parsed parsed(byte[] pdf) throws Exception {
    BodyContentHandler body = new BodyContentHandler(-1);
    PageLetters letters = new PageLetters(body);
    Metadata metadata = new Metadata();
    try (InputStream in = TikaInputStream.get(pdf)) {
      new AutoDetectParser().parse(in, letters, metadata, new ParseContext());
    }
    return new Parsed(letters, metadata, body.toString());
  }
}
