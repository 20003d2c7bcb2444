package se.arkiv.audit;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** An {@link AuditQuery} and its free text as a Lucene query over {@link AuditDocuments}. */
final class AuditLuceneQuery {

  private AuditLuceneQuery() {}

  static Query of(AuditQuery query, FreeText text) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    boolean any = false;
    if (query.target() != null) {
      all.add(keyword(AuditDocuments.TARGET, query.target()), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (query.actor() != null) {
      all.add(keyword(AuditDocuments.ACTOR, query.actor()), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (query.action() != null) {
      all.add(
          new PrefixQuery(new Term(AuditDocuments.ACTION, query.action())),
          BooleanClause.Occur.FILTER);
      any = true;
    }
    if (query.from() != null || query.to() != null) {
      all.add(timeRange(query), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (text != null) {
      all.add(text.query(), BooleanClause.Occur.FILTER);
      any = true;
    }
    return any ? all.build() : new MatchAllDocsQuery();
  }

  private static Query keyword(String field, String value) {
    return new TermQuery(new Term(field, value));
  }

  /** {@code from} inclusive, {@code to} exclusive, as {@link AuditQuery#matches}. */
  private static Query timeRange(AuditQuery query) {
    long lower = query.from() == null ? Long.MIN_VALUE : AuditDocuments.nanos(query.from());
    if (query.to() == null) {
      return LongPoint.newRangeQuery(AuditDocuments.TIME, lower, Long.MAX_VALUE);
    }
    long to = AuditDocuments.nanos(query.to());
    if (to == Long.MIN_VALUE) {
      return new MatchNoDocsQuery("nothing before the earliest time");
    }
    return LongPoint.newRangeQuery(AuditDocuments.TIME, lower, to - 1);
  }
}
