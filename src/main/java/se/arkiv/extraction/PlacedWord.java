package se.arkiv.extraction;

/**
 * A word of an archival copy's invisible text layer, in PDF points from the page's top left.
 *
 * @param baseline how far down the page the word's baseline is
 * @param width how wide the word is drawn (its glyphs are stretched or squeezed to fit)
 * @param size the font size
 */
record PlacedWord(String text, float left, float baseline, float width, float size) {

  /** DejaVu Sans's descent, as a share of the font size: an OCR box reaches below the baseline. */
  private static final float DESCENT = 0.24f;

  /** DejaVu Sans's ascent plus its descent, as a share of the font size. */
  private static final float LINE = 1.17f;

  /** A word Tesseract found, its pixel box scaled to a page of the given size in points. */
  static PlacedWord fromOcr(OcrLayout.Word word, float scaleX, float scaleY) {
    float height = Math.max(1, word.bottom() - word.top()) * scaleY;
    float size = height / LINE;
    return new PlacedWord(
        word.text(),
        word.left() * scaleX,
        word.bottom() * scaleY - DESCENT * size,
        Math.max(1, word.right() - word.left()) * scaleX,
        size);
  }

  /** The same word moved right by {@code dx} and down by {@code dy} points. */
  PlacedWord moved(float dx, float dy) {
    return new PlacedWord(text, left + dx, baseline + dy, width, size);
  }
}
