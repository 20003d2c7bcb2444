package se.arkiv.storage;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of everything Arkiv keeps or hands to another process: metadata versions and other
 * documents, lock files, audit lines, evidence bags, manifests, the extraction children's messages.
 * One configuration for all of them, and deliberately not the JSON of the HTTP API: Spring Boot's
 * {@code JsonMapper} follows the operator's {@code spring.jackson.*} settings, which must never
 * change a stored byte (the audit trail hashes its lines) or how an old document reads back. The
 * HTTP side injects Boot's mapper; this class serves the rest.
 */
public final class StoredJson {

  private static final JsonMapper COMPACT = JsonMapper.builder().build();
  private static final JsonMapper INDENTED =
      COMPACT.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final JsonMapper CANONICAL =
      COMPACT.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private StoredJson() {}

  /** One line per value: lock files, lines of a bag or a trail, messages between processes. */
  public static JsonMapper compact() {
    return COMPACT;
  }

  /** Documents a person may open in the store and read. */
  public static JsonMapper indented() {
    return INDENTED;
  }

  /** The same value always as the same bytes, map entries sorted by key: what a hash covers. */
  public static JsonMapper canonical() {
    return CANONICAL;
  }
}
