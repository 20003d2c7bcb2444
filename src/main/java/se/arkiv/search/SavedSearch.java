package se.arkiv.search;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A search someone saved to come back to (a worklist on their start page), kept as versions in
 * {@code saved-searches/<hex of the owner>/<id>/}: marking it seen writes the next version with
 * that moment, so what is new is what was filed since.
 *
 * @param q the query, in the search syntax
 * @param filters keyword filters, as {@link SearchQuery#filters()}
 * @param from first document date, or null
 * @param to last document date, or null
 * @param lastLookedAt when its owner last looked at what was new; at first, when it was saved
 * @param removed true once its owner removed it (the versions stay, as everything in the store)
 */
public record SavedSearch(
    String id,
    int version,
    String owner,
    String name,
    String q,
    Map<String, String> filters,
    LocalDate from,
    LocalDate to,
    Instant savedAt,
    Instant lastLookedAt,
    boolean removed) {

  public SavedSearch {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }

  SavedSearch lookedAt(Instant at) {
    return new SavedSearch(id, version + 1, owner, name, q, filters, from, to, savedAt, at, false);
  }

  SavedSearch removedAt(Instant at) {
    return new SavedSearch(
        id, version + 1, owner, name, q, filters, from, to, savedAt, lastLookedAt, true);
  }
}
