package se.arkiv.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import se.arkiv.record.OcrPage;

/**
 * Reads Tesseract's hOCR as it passes through to the text: each {@code ocr_page} is a page read by
 * OCR, each {@code ocrx_word} carries {@code x_wconf}, the word's confidence. Tika's PDF parser
 * wraps each PDF page in {@code <div class="page">}, which gives the page number.
 */
final class OcrConfidence extends ContentHandlerDecorator {

  private static final Pattern CONFIDENCE = Pattern.compile("x_wconf (\\d+)");

  private final List<OcrPage> pages = new ArrayList<>();
  private int pdfPage;
  private int ocrPages;
  private double sum;
  private int words;
  private boolean inOcrPage;

  OcrConfidence(ContentHandler handler) {
    super(handler);
  }

  @Override
  public void startElement(String uri, String localName, String name, Attributes atts)
      throws SAXException {
    String type = atts.getValue("class");
    if ("page".equals(type)) {
      pdfPage++;
    } else if ("ocr_page".equals(type)) {
      finishPage();
      inOcrPage = true;
      ocrPages++;
    } else if ("ocrx_word".equals(type) && inOcrPage) {
      String title = atts.getValue("title");
      if (title != null) {
        Matcher matcher = CONFIDENCE.matcher(title);
        if (matcher.find()) {
          sum += Integer.parseInt(matcher.group(1));
          words++;
        }
      }
    }
    super.startElement(uri, localName, name, atts);
  }

  @Override
  public void endDocument() throws SAXException {
    finishPage();
    super.endDocument();
  }

  private void finishPage() {
    if (inOcrPage) {
      int page = pdfPage > 0 ? pdfPage : ocrPages;
      pages.add(new OcrPage(page, words == 0 ? 0 : Math.round(sum / words * 10) / 10.0));
    }
    inOcrPage = false;
    sum = 0;
    words = 0;
  }

  List<OcrPage> pages() {
    finishPage();
    return List.copyOf(pages);
  }
}
