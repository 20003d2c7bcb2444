package se.arkiv.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiDocValues;

/**
 * Facet ordinal maps are costly to build and valid for one reader; keep the current reader's and
 * build new ones only after a refresh.
 */
final class FacetStates {

  private IndexReader.CacheKey reader;
  private final Map<String, StringDocValuesReaderState> states = new HashMap<>();

  synchronized StringDocValuesReaderState get(IndexReader current, String field)
      throws IOException {
    IndexReader.CacheKey key = current.getReaderCacheHelper().getKey();
    if (!key.equals(reader)) {
      states.clear();
      reader = key;
    }
    if (!states.containsKey(field)) {
      boolean present = MultiDocValues.getSortedSetValues(current, field) != null;
      states.put(field, present ? new StringDocValuesReaderState(current, field) : null);
    }
    return states.get(field);
  }
}
