package se.arkiv.search;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;

/**
 * Which record class a text resembles, learned from the archive itself: the classes of the records
 * most like it ({@link SimilarRecords}: "more like this" over the exact words, on whichever engine
 * answers the search port) vote, each by its similarity. Shown to the clerk and the records manager
 * as a hint; never applied to a record.
 */
@Service
public class ClassSuggestions {

  /** How many similar records vote. */
  static final int NEIGHBOURS = 15;

  /** A class that fewer than this share of the votes would be a guess, not a suggestion. */
  private static final double LEAST_SHARE = 0.5;

  private final SimilarRecords similar;
  private final RecordStore store;

  ClassSuggestions(SimilarRecords similar, RecordStore store) {
    this.similar = similar;
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
    return vote(similar.like(text, exceptId, departmentScope, NEIGHBOURS));
  }

  private static Optional<Suggestion> vote(List<SimilarRecords.Neighbour> neighbours) {
    Map<String, Double> weight = new HashMap<>();
    Map<String, Integer> votes = new HashMap<>();
    double total = 0;
    for (SimilarRecords.Neighbour neighbour : neighbours) {
      weight.merge(neighbour.recordClass(), neighbour.score(), Double::sum);
      votes.merge(neighbour.recordClass(), 1, Integer::sum);
      total += neighbour.score();
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
                    neighbours.size(),
                    best.getValue() / sum));
  }
}
