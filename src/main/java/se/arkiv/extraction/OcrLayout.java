package se.arkiv.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Where Tesseract found each word on one page, in the pixels of the image it read: what the
 * archival copy's invisible text layer is laid out from, so that OCR is not run a second time.
 *
 * @param width the page image's width in pixels (hOCR's {@code ocr_page} bbox)
 * @param height its height in pixels
 */
record OcrLayout(int width, int height, List<Word> words) {

  /** One word and its box: left, top, right, bottom, in pixels from the top left. */
  record Word(String text, int left, int top, int right, int bottom) {}

  OcrLayout {
    words = List.copyOf(words);
  }

  private static final Pattern BOX = Pattern.compile("bbox (\\d+) (\\d+) (\\d+) (\\d+)");

  /** Reads the pages and words of Tesseract's hOCR as it is parsed. */
  static final class Reader extends DefaultHandler {

    private final List<OcrLayout> pages = new ArrayList<>();
    private int[] page;
    private List<Word> words = new ArrayList<>();
    private int[] word;
    private final StringBuilder text = new StringBuilder();

    @Override
    public void startElement(String uri, String localName, String name, Attributes atts) {
      String type = atts.getValue("class");
      if ("ocr_page".equals(type)) {
        finishPage();
        page = box(atts.getValue("title"));
        if (page == null) {
          page = new int[4];
        }
      } else if ("ocrx_word".equals(type) && page != null) {
        word = box(atts.getValue("title"));
        text.setLength(0);
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (word != null) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String name) {
      // Words carry no element inside them but the odd <strong> or <em>: a word ends with its span.
      if (word != null && "span".equals(localName.isEmpty() ? name : localName)) {
        String read = text.toString().strip();
        if (!read.isEmpty()) {
          words.add(new Word(read, word[0], word[1], word[2], word[3]));
        }
        word = null;
      }
    }

    @Override
    public void endDocument() {
      finishPage();
    }

    private void finishPage() {
      if (page != null) {
        pages.add(new OcrLayout(page[2], page[3], words));
      }
      page = null;
      words = new ArrayList<>();
    }

    /** The pages read, in order. */
    List<OcrLayout> pages() {
      finishPage();
      return List.copyOf(pages);
    }

    private static int[] box(String title) {
      if (title == null) {
        return null;
      }
      Matcher matcher = BOX.matcher(title);
      if (!matcher.find()) {
        return null;
      }
      int[] box = new int[4];
      for (int i = 0; i < 4; i++) {
        box[i] = Integer.parseInt(matcher.group(i + 1));
      }
      return box;
    }
  }
}
