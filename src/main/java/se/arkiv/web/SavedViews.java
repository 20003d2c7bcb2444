package se.arkiv.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.ObjectStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each user's named saved searches, the worklists of their start page. Kept in the object store
 * (the only system of record) as {@code views/<hex of the user name>.json}, a small mutable
 * preference object, not part of any record.
 */
@Component
class SavedViews {

  static final int MAX_VIEWS = 30;

  /** One saved search: a name and the search as URL parameters ({@link SearchForm#queryString}). */
  record View(String name, String query) {}

  record Views(List<View> views) {}

  private final ObjectStore objects;
  private final JsonMapper json;

  SavedViews(ObjectStore objects, JsonMapper json) {
    this.objects = objects;
    this.json = json;
  }

  synchronized List<View> of(String user) {
    try (var in = objects.get(key(user))) {
      Views views = json.readValue(in, Views.class);
      return views.views() == null ? List.of() : List.copyOf(views.views());
    } catch (ObjectMissing e) {
      return List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  synchronized void save(String user, String name, String query) {
    String cleanName = name == null ? "" : name.strip();
    if (cleanName.isEmpty() || cleanName.length() > 100) {
      throw new se.arkiv.search.InvalidQuery("A saved view needs a name of 1 to 100 characters");
    }
    List<View> views = new ArrayList<>(of(user));
    views.removeIf(view -> view.name().equals(cleanName));
    if (views.size() >= MAX_VIEWS) {
      throw new se.arkiv.search.InvalidQuery("At most " + MAX_VIEWS + " saved views per user");
    }
    views.add(new View(cleanName, query == null ? "" : query));
    objects.replace(key(user), json.writeValueAsBytes(new Views(views)));
  }

  synchronized void delete(String user, int index) {
    List<View> views = new ArrayList<>(of(user));
    if (index >= 0 && index < views.size()) {
      views.remove(index);
      objects.replace(key(user), json.writeValueAsBytes(new Views(views)));
    }
  }

  /** Hex, so that no user name can make a path of its own in the store. */
  private static String key(String user) {
    return "views/" + HexFormat.of().formatHex(user.getBytes(StandardCharsets.UTF_8)) + ".json";
  }
}
