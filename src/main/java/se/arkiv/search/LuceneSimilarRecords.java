package se.arkiv.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@link SimilarRecords} on the embedded index: Lucene's {@link MoreLikeThis}. */
@Component
@ConditionalOnProperty(name = "arkiv.search.engine", havingValue = "lucene", matchIfMissing = true)
class LuceneSimilarRecords implements SimilarRecords {

  /** The same terms on both engines: any word of the text that a record has. */
  static final int MIN_TERM_FREQ = 1;

  /**
   * One: the count is the whole index's, every department's and restricted records' too. With two,
   * a word was kept or dropped by whether a record outside the asker's scope had it, and a clerk
   * who filed one record with a word learnt from the answer whether any other record held it.
   */
  static final int MIN_DOC_FREQ = 1;

  static final int MAX_QUERY_TERMS = 40;

  private final LuceneIndex index;

  LuceneSimilarRecords(LuceneIndex index) {
    this.index = index;
  }

  @Override
  public List<Neighbour> like(
      String text, String exceptId, Set<String> departmentScope, int count) {
    IndexSearcher searcher = index.acquire();
    try {
      MoreLikeThis like = new MoreLikeThis(searcher.getIndexReader());
      like.setAnalyzer(index.analyzer());
      like.setFieldNames(new String[] {IndexFields.TEXT_EXACT});
      like.setMinTermFreq(MIN_TERM_FREQ);
      like.setMinDocFreq(MIN_DOC_FREQ);
      like.setMaxQueryTerms(MAX_QUERY_TERMS);
      Query similar = like.like(IndexFields.TEXT_EXACT, new StringReader(text));
      BooleanQuery.Builder query =
          new BooleanQuery.Builder().add(similar, BooleanClause.Occur.MUST);
      if (exceptId != null) {
        query.add(new TermQuery(new Term(IndexFields.ID, exceptId)), BooleanClause.Occur.MUST_NOT);
      }
      // A restricted record votes for no one, as a search finds it for no one.
      Query scope =
          departmentScope == null
              ? null
              : new TermInSetQuery(
                  IndexFields.DEPARTMENT, departmentScope.stream().map(BytesRef::new).toList());
      List<Neighbour> neighbours = new ArrayList<>();
      for (ScoreDoc hit :
          searcher.search(SearchQueries.unrestricted(query.build(), scope), count).scoreDocs) {
        String recordClass =
            searcher
                .storedFields()
                .document(hit.doc, Set.of(IndexFields.RECORD_CLASS))
                .get(IndexFields.RECORD_CLASS);
        if (recordClass != null) {
          neighbours.add(new Neighbour(recordClass, hit.score));
        }
      }
      return neighbours;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index.release(searcher);
    }
  }
}
