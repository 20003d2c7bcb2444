package se.arkiv.extraction;

import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Ends a parse when the record's time is up, at the next piece of text the parser hands on. The
 * text found until then stays in the handler below and is kept.
 */
final class BudgetedContentHandler extends ContentHandlerDecorator {

  /** Thrown through the parser to stop it; caught by the extractor, never shown. */
  static final class OutOfBudget extends SAXException {
    OutOfBudget() {
      super("the record's extraction budget ran out");
    }
  }

  private final RecordBudget budget;

  BudgetedContentHandler(ContentHandler handler, RecordBudget budget) {
    super(handler);
    this.budget = budget;
  }

  @Override
  public void startElement(String uri, String localName, String name, Attributes atts)
      throws SAXException {
    check();
    super.startElement(uri, localName, name, atts);
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    check();
    super.characters(ch, start, length);
  }

  private void check() throws OutOfBudget {
    if (budget.outOfTime()) {
      throw new OutOfBudget();
    }
  }

  /** Whether this exception, or one it wraps, is the budget's stop. */
  static boolean isStop(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfBudget) {
        return true;
      }
    }
    return false;
  }
}
