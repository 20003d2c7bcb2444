package se.arkiv.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys found in a record's text, by field name ({@code personnummer}, {@code iban}, ...), each
 * kind's values normalised, sorted and without repeats. Kept beside what the clerk entered, never
 * in its place: a clerk's {@link BusinessKeys} are what the clerk said, these are what the text
 * says.
 */
public record EntityKeys(@JsonValue Map<String, List<String>> byField) {

  public static final EntityKeys NONE = new EntityKeys(Map.of());

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public EntityKeys {
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (EntityKind kind : EntityKind.values()) {
      List<String> values = byField == null ? null : byField.get(kind.fieldName());
      if (values != null && !values.isEmpty()) {
        ordered.put(kind.fieldName(), List.copyOf(new TreeSet<>(values)));
      }
    }
    byField = Collections.unmodifiableMap(ordered);
  }

  static EntityKeys of(Map<EntityKind, Set<String>> found) {
    Map<String, List<String>> byField = new LinkedHashMap<>();
    new EnumMap<>(found)
        .forEach((kind, values) -> byField.put(kind.fieldName(), List.copyOf(values)));
    return new EntityKeys(byField);
  }

  /** The values of one kind; empty when none was found. */
  public List<String> values(EntityKind kind) {
    return byField.getOrDefault(kind.fieldName(), List.of());
  }

  public boolean isEmpty() {
    return byField.isEmpty();
  }
}
