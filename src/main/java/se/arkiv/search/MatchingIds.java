package se.arkiv.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * The record ids of every document a query matches, read from the id's doc values: no scores, no
 * stored fields, no limit. For the callers that need the whole set (an export's selection, the
 * disposition candidates), not a page.
 */
final class MatchingIds extends SimpleCollector {

  private final Collection<String> found;
  private SortedDocValues ids;

  private MatchingIds(Collection<String> found) {
    this.found = found;
  }

  /** Adds to {@code found} the id of each document {@code query} matches in the index now. */
  static void collect(LuceneIndex index, Query query, Collection<String> found) {
    IndexSearcher searcher = index.acquire();
    try {
      searcher.search(query, new MatchingIds(found));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index.release(searcher);
    }
  }

  @Override
  protected void doSetNextReader(LeafReaderContext context) throws IOException {
    ids = context.reader().getSortedDocValues(IndexFields.ID);
  }

  @Override
  public void collect(int doc) throws IOException {
    if (ids != null && ids.advanceExact(doc)) {
      found.add(ids.lookupOrd(ids.ordValue()).utf8ToString());
    }
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }
}
