package se.arkiv.web;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What a client is told about JSON the API could not read, in the client's terms: the field by its
 * path in the body ({@code keys.iban}, {@code tags[2]}), never the Java class it was read into.
 */
final class UnreadableJson {

  private UnreadableJson() {}

  /**
   * @param what the part of the request, as the sentence starts ("The request body")
   */
  static String describe(String what, JacksonException e) {
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException unknown) {
      return what + " has a field '" + field + "' that is not one of " + names(unknown);
    }
    if (e instanceof MismatchedInputException mismatch && !field.isEmpty()) {
      // Jackson's own message names Java types and exceptions; the client knows JSON.
      String value = e instanceof InvalidFormatException bad ? " ('" + bad.getValue() + "')" : "";
      return what
          + " has a value for '"
          + field
          + "'"
          + value
          + " that is not "
          + kind(mismatch.getTargetType());
    }
    return what + " is not valid JSON: " + e.getOriginalMessage();
  }

  /** The first Jackson exception behind a failure, which knows the field, or null if none. */
  static JacksonException behind(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return json;
      }
    }
    return null;
  }

  private static String kind(Class<?> type) {
    if (type == null) {
      return "of the expected kind";
    }
    if (type == LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "a time (ISO 8601, such as 2026-12-08T10:15:00Z)";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type == String.class) {
      return "a text";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object of the documented fields";
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference step : e.getPath()) {
      if (step.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static Collection<String> names(UnrecognizedPropertyException e) {
    TreeSet<String> names = new TreeSet<>();
    if (e.getKnownPropertyIds() != null) {
      e.getKnownPropertyIds().forEach(id -> names.add(String.valueOf(id)));
    }
    return names;
  }
}
