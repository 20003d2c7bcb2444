package se.arkiv.search;

import java.util.List;
import java.util.Set;

/**
 * The records whose text is most like a given text ("more like this" over the exact words), for
 * {@link ClassSuggestions}: answered by whichever engine answers the search port, so that every
 * node of several learns from the whole archive.
 */
interface SimilarRecords {

  /** One similar record: its class and how similar it is (engine-relative, higher is closer). */
  record Neighbour(String recordClass, double score) {}

  /**
   * At most {@code count} records most like {@code text}, most similar first, among the records in
   * {@code departmentScope} (null: all), leaving out record {@code exceptId} (null: none).
   */
  List<Neighbour> like(String text, String exceptId, Set<String> departmentScope, int count);
}
