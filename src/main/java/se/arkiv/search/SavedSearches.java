package se.arkiv.search;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import se.arkiv.record.RecordId;
import se.arkiv.record.TypedValues;
import se.arkiv.storage.JsonDocuments;

/**
 * Each user's saved searches (the worklists of their start page, and {@code /api/saved-searches})
 * and what newly matches them: "new filings matching an open hold's case", "new KYC files of a
 * customer". New means filed since the owner last marked it seen; a record that comes to match by a
 * later correction is not new to it.
 */
@Service
public class SavedSearches {

  static final int MAX_PER_OWNER = 30;
  private static final int MAX_NAME = 100;
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

  /** A saved search with its matches and how many of them were filed since its owner looked. */
  public record Mine(SavedSearch search, long matches, long newMatches) {}

  /**
   * Saves a search under a name, in place of the owner's search of that name if there is one. A
   * query that does not parse, an unknown filter, a missing or overlong name, or more than {@value
   * #MAX_PER_OWNER} searches is an {@link InvalidQuery}. One save at a time: the count and the
   * replaced name are checked and changed together, or concurrent saves overran the limit.
   */
  public synchronized SavedSearch save(
      String owner,
      String name,
      String q,
      Map<String, String> filters,
      LocalDate from,
      LocalDate to) {
    String cleanName = name == null ? "" : name.strip();
    if (cleanName.isEmpty() || !TypedValues.oneLine(cleanName, MAX_NAME)) {
      throw new InvalidQuery(
          "name: a saved search needs a name of 1 to "
              + MAX_NAME
              + " characters on one line, "
              + TypedValues.TEXT_RULE);
    }
    Map<String, String> kept = filters == null ? Map.of() : filters;
    search.search(query(owner, q, kept, from, to, null, 1));
    List<SavedSearch> existing = all(owner);
    if (existing.stream().filter(s -> !s.name().equals(cleanName)).count() >= MAX_PER_OWNER) {
      throw new InvalidQuery("At most " + MAX_PER_OWNER + " saved searches per user");
    }
    existing.stream().filter(s -> s.name().equals(cleanName)).forEach(s -> remove(owner, s.id()));
    Instant now = clock.instant();
    SavedSearch saved =
        new SavedSearch(
            RecordId.newId(clock).value(), 1, owner, cleanName, q, kept, from, to, now, now, false);
    documents.append(folder(owner, saved.id()), 1, saved);
    return saved;
  }

  /**
   * The owner's saved searches, oldest first, each with how many records match it and how many of
   * them were filed since its owner last looked. A search that no longer parses (the syntax
   * changed) counts -1.
   */
  public List<Mine> mine(String owner, Set<String> departmentScope) {
    return all(owner).stream().map(s -> counted(s, departmentScope)).toList();
  }

  /** What is new to the search, at most {@value #NEW_SHOWN} records, without marking it seen. */
  public SearchResult newMatches(String owner, String id, Set<String> departmentScope) {
    return newSince(find(owner, id), departmentScope, NEW_SHOWN);
  }

  /** Marks everything filed until now as seen: the next look starts from here. */
  public SavedSearch markSeen(String owner, String id) {
    SavedSearch seen = find(owner, id).lookedAt(clock.instant());
    documents.append(folder(owner, id), seen.version(), seen);
    return seen;
  }

  public void remove(String owner, String id) {
    SavedSearch removed = find(owner, id).removedAt(clock.instant());
    documents.append(folder(owner, id), removed.version(), removed);
  }

  private Mine counted(SavedSearch saved, Set<String> departmentScope) {
    try {
      long matches = search.search(query(saved, departmentScope, 1)).total();
      return new Mine(saved, matches, newSince(saved, departmentScope, 1).total());
    } catch (InvalidQuery e) {
      return new Mine(saved, -1, -1);
    }
  }

  private List<SavedSearch> all(String owner) {
    return documents
        .folders(ownerFolder(owner))
        .sorted()
        .map(id -> documents.latest(folder(owner, id), SavedSearch.class))
        .flatMap(Optional::stream)
        .filter(s -> s.owner().equals(owner) && !s.removed())
        .toList();
  }

  /** The owner's saved search; another owner's is answered as a missing one. */
  private SavedSearch find(String owner, String id) {
    return (id.matches("[0-9a-f-]{36}")
            ? documents.latest(folder(owner, id), SavedSearch.class)
            : Optional.<SavedSearch>empty())
        .filter(s -> s.owner().equals(owner) && !s.removed())
        .orElseThrow(() -> new SavedSearchNotFound(id));
  }

  private SearchResult newSince(SavedSearch saved, Set<String> departmentScope, int size) {
    return search.searchFiledAfter(query(saved, departmentScope, size), saved.lastLookedAt());
  }

  private static SearchQuery query(SavedSearch saved, Set<String> departmentScope, int size) {
    return query(
        saved.owner(), saved.q(), saved.filters(), saved.from(), saved.to(), departmentScope, size);
  }

  /**
   * On behalf of the owner, so that on OpenSearch their counts on the start page and the list of
   * what is new read the same copy of each shard: a record shown as new is counted as new.
   */
  private static SearchQuery query(
      String owner,
      String q,
      Map<String, String> filters,
      LocalDate from,
      LocalDate to,
      Set<String> departmentScope,
      int size) {
    return new SearchQuery(
        q, filters, from, to, "filedAt", false, 0, size, null, departmentScope, owner);
  }

  /**
   * Each owner's searches in a folder of their own (the name in hex, so that no user name makes a
   * path), so that listing one user's searches reads only theirs.
   */
  private static String ownerFolder(String owner) {
    return FOLDER + HexFormat.of().formatHex(owner.getBytes(StandardCharsets.UTF_8)) + "/";
  }

  private static String folder(String owner, String id) {
    return ownerFolder(owner) + id;
  }
}
