package se.arkiv.extraction;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The words of a born-digital PDF page's text layer, each where it is printed: the archival copy
 * draws the page as an image and lays these words over it, invisible, so that its text can still be
 * searched, selected and read out.
 */
final class PdfPageWords extends PDFTextStripper {

  private final List<PlacedWord> words = new ArrayList<>();

  private PdfPageWords() {
    super();
  }

  /** The words of page {@code page} (from 1), in the order the page's text is read. */
  static List<PlacedWord> of(PDDocument document, int page) throws IOException {
    PdfPageWords stripper = new PdfPageWords();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    stripper.writeText(document, new StringWriter());
    return List.copyOf(stripper.words);
  }

  /**
   * Called once per run of a line's text between gaps: a run may hold several words with the space
   * characters printed between them, so it is cut at those.
   */
  @Override
  protected void writeString(String text, List<TextPosition> glyphs) {
    List<TextPosition> word = new ArrayList<>();
    for (TextPosition glyph : glyphs) {
      if (glyph.getUnicode() == null || glyph.getUnicode().isBlank()) {
        add(word);
        word.clear();
      } else {
        word.add(glyph);
      }
    }
    add(word);
  }

  private void add(List<TextPosition> glyphs) {
    if (glyphs.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    glyphs.forEach(g -> text.append(g.getUnicode()));
    TextPosition first = glyphs.get(0);
    TextPosition last = glyphs.get(glyphs.size() - 1);
    float left = first.getXDirAdj();
    float width = last.getXDirAdj() + last.getWidthDirAdj() - left;
    float size = first.getFontSizeInPt() > 0 ? first.getFontSizeInPt() : first.getHeightDir();
    if (width > 0 && size > 0) {
      words.add(new PlacedWord(text.toString(), left, first.getYDirAdj(), width, size));
    }
  }
}
