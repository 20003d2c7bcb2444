package se.arkiv.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SavedSearches;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.StoredJson;

/**
 * Saved searches as the start page kept them before they were {@link SavedSearches} ({@code
 * views/<hex of the user name>.json}, one mutable object per user): moved over the first time their
 * owner opens the start page, then removed, so a user keeps their worklists.
 */
@Component
class LegacySavedViews {

  record View(String name, String query) {}

  record Views(List<View> views) {}

  private final ObjectStore objects;
  private final SavedSearches saved;

  LegacySavedViews(ObjectStore objects, SavedSearches saved) {
    this.objects = objects;
    this.saved = saved;
  }

  synchronized void migrate(String user) {
    String key =
        "views/" + HexFormat.of().formatHex(user.getBytes(StandardCharsets.UTF_8)) + ".json";
    Views old;
    try (InputStream in = objects.get(key)) {
      old = StoredJson.compact().readValue(in, Views.class);
    } catch (ObjectMissing e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (View view : old.views() == null ? List.<View>of() : old.views()) {
      try {
        SearchForm form = SearchForm.ofQueryString(view.query() == null ? "" : view.query(), 1);
        saved.save(user, view.name(), form.q(), form.filters(), form.from(), form.to());
      } catch (InvalidQuery e) {
        // A view that no longer parses is dropped rather than kept broken on the page.
      }
    }
    objects.delete(key);
  }
}
