package se.arkiv.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.BusinessKeys;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code PATCH /api/records/{id}} read into a correction: the fields it names (a field
 * named with null clears it), each of the kind it must be, and the keys merged into the record's.
 */
final class CorrectionBody {

  private final JsonMapper json;
  private final JsonNode patch;

  private CorrectionBody(JsonMapper json, JsonNode patch) {
    this.json = json;
    this.patch = patch;
  }

  static MetadataCorrection read(JsonMapper json, String body, BusinessKeys current) {
    JsonNode patch = json.readTree(body);
    if (patch == null || !patch.isObject()) {
      throw new InvalidFilingRequest("The body must be a JSON object of fields to correct");
    }
    return new CorrectionBody(json, patch).correction(current);
  }

  private MetadataCorrection correction(BusinessKeys current) {
    Set<String> fields = new LinkedHashSet<>(patch.propertyNames());
    fields.remove("reason");
    return new MetadataCorrection(
        fields,
        text(patch, "title"),
        text(patch, "department"),
        value(patch, "documentDate", LocalDate.class),
        value(patch, "fiscalYearEnd", LocalDate.class),
        keys(patch, current),
        patch.has("tags") && !patch.get("tags").isNull()
            ? Arrays.asList(value(patch, "tags", String[].class)) // a null tag is refused
            : null,
        text(patch, "reason"));
  }

  private static String text(JsonNode node, String field) {
    return node.has(field) && !node.get(field).isNull() ? node.get(field).asString() : null;
  }

  /**
   * The keys after a correction, merged as a JSON merge patch merges: the keys named change (null
   * removes one), the others stay. Replacing the whole set made a typo ({@code customerID}) or a
   * correction of one key remove every other, and with them the events and holds that found the
   * record by its keys.
   */
  private static BusinessKeys keys(JsonNode patch, BusinessKeys current) {
    JsonNode keys = patch.get("keys");
    if (keys == null) {
      return null;
    }
    if (keys.isNull()) {
      return BusinessKeys.NONE;
    }
    if (!keys.isObject()) {
      throw new InvalidFilingRequest(
          "keys: an object of the keys to change, such as {\"accountId\": \"A1\"}");
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> key : keys.properties()) {
      if (!BusinessKeys.NAMES.contains(key.getKey())) {
        throw new InvalidFilingRequest(
            "keys." + key.getKey() + " is not a key; the keys are " + BusinessKeys.NAMES);
      }
      if (!key.getValue().isNull() && !key.getValue().isString()) {
        throw new InvalidFilingRequest("keys." + key.getKey() + ": a text, or null to remove it");
      }
      changes.put(key.getKey(), key.getValue().isNull() ? null : key.getValue().asString());
    }
    return current.merged(changes);
  }

  private <T> T value(JsonNode node, String field, Class<T> type) {
    if (!node.has(field) || node.get(field).isNull()) {
      return null;
    }
    try {
      return json.treeToValue(node.get(field), type);
    } catch (JacksonException e) {
      throw e.prependPath(node, field); // read from the field's own node, it knows no field
    }
  }
}
