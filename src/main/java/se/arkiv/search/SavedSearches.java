package se.arkiv.search;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import se.arkiv.record.RecordId;
import se.arkiv.storage.JsonDocuments;

/**
 * Saved searches and what newly matches them: "new filings matching an open hold's case", "new KYC
 * files of a customer". New means filed since the owner last looked; a record that comes to match
 * by a later correction is not new to it.
 */
@Service
public class SavedSearches {

  private static final String FOLDER = "saved-searches/";
  private static final int NEW_SHOWN = 100;

  private final SearchService search;
  private final JsonDocuments documents;
  private final Clock clock;

  SavedSearches(SearchService search, JsonDocuments documents, Clock clock) {
    this.search = search;
    this.documents = documents;
    this.clock = clock;
  }

  /**
   * Saves a search; a query that does not parse or an unknown filter is an {@link InvalidQuery}.
   */
  public SavedSearch save(String owner, String name, String q, Map<String, String> filters) {
    if (name == null || name.isBlank()) {
      throw new InvalidQuery("name: give the saved search a name");
    }
    Map<String, String> kept = filters == null ? Map.of() : filters;
    search.search(query(q, kept, null, 1));
    Instant now = clock.instant();
    SavedSearch saved =
        new SavedSearch(
            RecordId.newId(clock).value(), 1, owner, name.strip(), q, kept, now, now, false);
    documents.append(folder(saved.id()), 1, saved);
    return saved;
  }

  /** The owner's saved searches, oldest first, each with how many records are new to it. */
  public List<Mine> mine(String owner, Set<String> departmentScope) {
    return documents
        .folders(FOLDER)
        .sorted()
        .map(id -> documents.latest(folder(id), SavedSearch.class))
        .flatMap(Optional::stream)
        .filter(s -> s.owner().equals(owner) && !s.removed())
        .map(s -> new Mine(s, newSince(s, departmentScope, 1).total()))
        .toList();
  }

  /** A saved search with the number of records filed since its owner last looked. */
  public record Mine(SavedSearch search, long newMatches) {}

  /** What is new to the search, at most {@value #NEW_SHOWN} records, without marking it seen. */
  public SearchResult newMatches(String owner, String id, Set<String> departmentScope) {
    return newSince(find(owner, id), departmentScope, NEW_SHOWN);
  }

  /** Marks everything filed until now as seen: the next look starts from here. */
  public SavedSearch markSeen(String owner, String id) {
    SavedSearch seen = find(owner, id).lookedAt(clock.instant());
    documents.append(folder(id), seen.version(), seen);
    return seen;
  }

  public void remove(String owner, String id) {
    SavedSearch removed = find(owner, id).removedAt(clock.instant());
    documents.append(folder(id), removed.version(), removed);
  }

  /** The owner's saved search; another owner's is answered as a missing one. */
  private SavedSearch find(String owner, String id) {
    return (id.matches("[0-9a-f-]{36}")
            ? documents.latest(folder(id), SavedSearch.class)
            : Optional.<SavedSearch>empty())
        .filter(s -> s.owner().equals(owner) && !s.removed())
        .orElseThrow(() -> new SavedSearchNotFound(id));
  }

  private SearchResult newSince(SavedSearch saved, Set<String> departmentScope, int size) {
    return search.searchFiledAfter(
        query(saved.q(), saved.filters(), departmentScope, size), saved.lastLookedAt());
  }

  private static SearchQuery query(
      String q, Map<String, String> filters, Set<String> departmentScope, int size) {
    return new SearchQuery(
        q, filters, null, null, "filedAt", false, 0, size, null, departmentScope);
  }

  private static String folder(String id) {
    return FOLDER + id;
  }
}
