package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.search.SavedSearch;
import se.arkiv.search.SavedSearches;
import se.arkiv.search.SearchResult;

/** Each user's saved searches, the same as their start page's, and what newly matches them. */
@RestController
class SavedSearchController {

  /** A search to save: its name, query, filters and document dates. */
  record SavedSearchRequest(
      String name, String q, Map<String, String> filters, LocalDate from, LocalDate to) {}

  private final SavedSearches saved;
  private final AuditRecorder audit;

  SavedSearchController(SavedSearches saved, AuditRecorder audit) {
    this.saved = saved;
    this.audit = audit;
  }

  @Operation(
      operationId = "saveSearch",
      tags = ApiDescription.SEARCH,
      summary = "Save a search",
      description =
          "Saves a query and filters under a name, for its owner only. What is filed from now on and matches is new to it until its owner marks it seen. A query that does not parse, or an unknown filter, is a 400.")
  @ApiResponse(
      responseCode = "201",
      description = "Saved",
      content = @Content(schema = @Schema(implementation = SavedSearch.class)))
  @PostMapping("/api/saved-searches")
  ResponseEntity<SavedSearch> save(@RequestBody SavedSearchRequest request) {
    SavedSearch made =
        saved.save(
            audit.actor().username(),
            request.name(),
            request.q(),
            request.filters(),
            request.from(),
            request.to());
    audit.success(
        "search.save", made.id(), Map.of("name", made.name(), "q", String.valueOf(made.q())));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/saved-searches/" + made.id())
        .body(made);
  }

  @Operation(
      operationId = "listSavedSearches",
      tags = ApiDescription.SEARCH,
      summary = "Your saved searches",
      description =
          "The caller's saved searches (the worklists of their start page), each with matches and newMatches: how many records match it, and how many of those were filed since they last marked it seen.")
  @GetMapping("/api/saved-searches")
  List<SavedSearches.Mine> mine() {
    return saved.mine(audit.actor().username(), audit.actor().searchScope());
  }

  @Operation(
      operationId = "newMatches",
      tags = ApiDescription.SEARCH,
      summary = "What is new to a saved search",
      description =
          "The records filed since the owner last looked that match the saved search, newest first (at most 100), as a search answer. Reading them does not mark them seen.")
  @GetMapping("/api/saved-searches/{id}/new")
  SearchResult newMatches(@PathVariable String id) {
    SearchResult result =
        saved.newMatches(audit.actor().username(), id, audit.actor().searchScope());
    audit.success("search.saved-new", id, Map.of("total", result.total()));
    return result;
  }

  @Operation(
      operationId = "markSavedSearchSeen",
      tags = ApiDescription.SEARCH,
      summary = "Mark a saved search seen",
      description = "Everything filed until now is no longer new to it.")
  @PostMapping("/api/saved-searches/{id}/seen")
  SavedSearch seen(@PathVariable String id) {
    return saved.markSeen(audit.actor().username(), id);
  }

  @Operation(
      operationId = "removeSavedSearch",
      tags = ApiDescription.SEARCH,
      summary = "Remove a saved search",
      description = "Removes one of the caller's saved searches.")
  @ApiResponse(responseCode = "204", description = "Removed")
  @DeleteMapping("/api/saved-searches/{id}")
  ResponseEntity<Void> remove(@PathVariable String id) {
    saved.remove(audit.actor().username(), id);
    audit.success("search.saved-remove", id, Map.of());
    return ResponseEntity.noContent().build();
  }
}
