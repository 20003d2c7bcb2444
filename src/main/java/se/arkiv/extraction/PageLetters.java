package se.arkiv.extraction;

import java.util.ArrayList;
import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Counts the letters Tika's PDF parse puts on each page ({@code <div class="page">} in its XHTML),
 * so that a PDF whose every page plainly has a text layer is not opened a second time to look for
 * scanned pages ({@link PdfPageOcr}). Only the text of the page itself counts: annotations,
 * attachments and embedded documents come in divs of their own inside the page, and are left out.
 */
final class PageLetters extends ContentHandlerDecorator {

  private final List<Integer> pages = new ArrayList<>();
  private int divs;
  private int letters;
  private boolean onPage;

  PageLetters(ContentHandler handler) {
    super(handler);
  }

  @Override
  public void startElement(String uri, String localName, String name, Attributes atts)
      throws SAXException {
    if ("div".equals(localName)) {
      if (divs == 0 && "page".equals(atts.getValue("class"))) {
        onPage = true;
        letters = 0;
      }
      divs++;
    }
    super.startElement(uri, localName, name, atts);
  }

  @Override
  public void endElement(String uri, String localName, String name) throws SAXException {
    if ("div".equals(localName) && divs > 0) {
      divs--;
      if (divs == 0 && onPage) {
        pages.add(letters);
        onPage = false;
      }
    }
    super.endElement(uri, localName, name);
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (onPage && divs == 1) {
      for (int i = start; i < start + length; i++) {
        if (Character.isLetter(ch[i])) {
          letters++;
        }
      }
    }
    super.characters(ch, start, length);
  }

  /**
   * Whether the parse saw every page of the document, each with at least {@code minimum} letters. A
   * page with fewer may still be a scan with a stamp on it, which only {@link PdfPageOcr} tells.
   */
  boolean textOnEveryPage(Metadata metadata, int minimum) {
    Integer declared = metadata.getInt(PagedText.N_PAGES);
    return declared != null
        && declared > 0
        && declared == pages.size()
        && pages.stream().allMatch(count -> count >= minimum);
  }
}
