package se.arkiv.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * The free text of an audit search, parsed once, and matched in two ways that must agree: by the
 * index, and against an entry not indexed yet, by the same analysis in a one-entry {@link
 * MemoryIndex}.
 */
final class FreeText {

  private final Query query;

  private FreeText(Query query) {
    this.query = query;
  }

  /**
   * Lucene's classic syntax (words, "phrases", AND/OR/NOT, prefix*), every word required. Fields
   * are refused: the keywords have parameters of their own, and an entry not indexed yet could not
   * be matched on a field the free text does not cover.
   */
  static FreeText parse(String text) {
    QueryParser parser = new QueryParser(AuditDocuments.TEXT, AuditDocuments.ANALYZER);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    Query parsed;
    try {
      parsed = parser.parse(text);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidAuditQuery("q: not a query: " + firstLine(e.getMessage()));
    }
    Set<String> fields = new HashSet<>();
    parsed.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            fields.add(field);
            return false;
          }
        });
    fields.remove(AuditDocuments.TEXT);
    if (!fields.isEmpty()) {
      throw new InvalidAuditQuery(
          "q: free text has no fields (" + String.join(", ", fields) + "); use the parameters");
    }
    return new FreeText(parsed);
  }

  Query query() {
    return query;
  }

  /** Whether an entry matches; counted, not scored, as the index filters. */
  boolean matches(AuditEntry entry) {
    MemoryIndex one = new MemoryIndex();
    one.addField(AuditDocuments.TEXT, AuditDocuments.freeText(entry), AuditDocuments.ANALYZER);
    try {
      return one.createSearcher().count(query) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot be parsed";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
