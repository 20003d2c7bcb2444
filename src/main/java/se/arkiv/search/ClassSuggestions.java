package se.arkiv.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.springframework.stereotype.Service;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;

/**
 * Which record class a text resembles, learned from the archive itself: the classes of the records
 * most like it (Lucene's MoreLikeThis over the exact words) vote, each by its similarity. Shown to
 * the clerk and the records manager as a hint; never applied to a record.
 */
@Service
public class ClassSuggestions {

  /** How many similar records vote. */
  static final int NEIGHBOURS = 15;

  /** A class that fewer than this share of the votes would be a guess, not a suggestion. */
  private static final double LEAST_SHARE = 0.5;

  private final LuceneIndex index;
  private final RecordStore store;

  ClassSuggestions(LuceneIndex index, RecordStore store) {
    this.index = index;
    this.store = store;
  }

  /**
   * The class most similar records have, with its share of the vote.
   *
   * @param neighbours how many similar records were found (at most {@value #NEIGHBOURS})
   * @param share the class's share of the similarity-weighted vote, 0 to 1
   */
  public record Suggestion(String recordClass, int votes, int neighbours, double share) {

    /** Whether a record filed as {@code filedAs} looks like another class than its own. */
    public boolean differsFrom(String filedAs) {
      return !recordClass.equals(filedAs);
    }
  }

  /** The suggestion for a filed record's text, its own vote left out; empty before extraction. */
  public Optional<Suggestion> forRecord(RecordMetadata record, Set<String> departmentScope) {
    return store
        .readText(record.id())
        .flatMap(text -> suggest(text, record.id().value(), departmentScope));
  }

  /**
   * The suggestion for a text, among the records in {@code departmentScope} (null: all), leaving
   * out record {@code exceptId} (the record itself); empty when the archive has nothing like it or
   * no class wins at least half the vote.
   */
  public Optional<Suggestion> suggest(String text, String exceptId, Set<String> departmentScope) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    IndexSearcher searcher = index.acquire();
    try {
      MoreLikeThis like = new MoreLikeThis(searcher.getIndexReader());
      like.setAnalyzer(index.analyzer());
      like.setFieldNames(new String[] {IndexFields.TEXT_EXACT});
      like.setMinTermFreq(1);
      like.setMinDocFreq(2);
      like.setMaxQueryTerms(40);
      Query similar = like.like(IndexFields.TEXT_EXACT, new StringReader(text));
      BooleanQuery.Builder query =
          new BooleanQuery.Builder().add(similar, BooleanClause.Occur.MUST);
      if (exceptId != null) {
        query.add(new TermQuery(new Term(IndexFields.ID, exceptId)), BooleanClause.Occur.MUST_NOT);
      }
      if (departmentScope != null) {
        query.add(
            new TermInSetQuery(
                IndexFields.DEPARTMENT, departmentScope.stream().map(BytesRef::new).toList()),
            BooleanClause.Occur.FILTER);
      }
      TopDocs top = searcher.search(query.build(), NEIGHBOURS);
      return vote(searcher, top);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index.release(searcher);
    }
  }

  private static Optional<Suggestion> vote(IndexSearcher searcher, TopDocs top) throws IOException {
    Map<String, Double> weight = new HashMap<>();
    Map<String, Integer> votes = new HashMap<>();
    double total = 0;
    for (ScoreDoc hit : top.scoreDocs) {
      String recordClass =
          searcher
              .storedFields()
              .document(hit.doc, Set.of(IndexFields.RECORD_CLASS))
              .get(IndexFields.RECORD_CLASS);
      if (recordClass == null) {
        continue;
      }
      weight.merge(recordClass, (double) hit.score, Double::sum);
      votes.merge(recordClass, 1, Integer::sum);
      total += hit.score;
    }
    if (total == 0) {
      return Optional.empty();
    }
    double sum = total;
    return weight.entrySet().stream()
        .max(Comparator.comparingDouble(Map.Entry::getValue))
        .filter(best -> best.getValue() / sum >= LEAST_SHARE)
        .map(
            best ->
                new Suggestion(
                    best.getKey(),
                    votes.get(best.getKey()),
                    top.scoreDocs.length,
                    best.getValue() / sum));
  }
}
