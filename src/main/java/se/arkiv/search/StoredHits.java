package se.arkiv.search;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * What a page of hits shows, read once per hit: the stored fields are compressed in blocks of many
 * documents, so the hit's own fields and the text its snippets come from are read together.
 */
final class StoredHits {

  private static final Set<String> FIELDS =
      Set.of(
          IndexFields.TITLE,
          IndexFields.RECORD_CLASS,
          IndexFields.DEPARTMENT,
          IndexFields.DOCUMENT_DATE,
          IndexFields.BODY);

  private StoredHits() {}

  /** The stored fields of each hit, in the order of {@code hits}. */
  static Document[] read(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    StoredFields stored = searcher.storedFields();
    Document[] documents = new Document[hits.length];
    for (int i = 0; i < hits.length; i++) {
      documents[i] = stored.document(hits[i].doc, FIELDS);
    }
    return documents;
  }

  /** The record id of a hit, from the doc values that sorting keeps anyway (it is not stored). */
  static String id(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues ids = DocValues.getSorted(leaf.reader(), IndexFields.ID);
    return ids.advanceExact(doc - leaf.docBase)
        ? ids.lookupOrd(ids.ordValue()).utf8ToString()
        : null;
  }
}
