package se.arkiv.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts an example on the schemas a client reads or writes most, from {@code
 * openapi/examples/<Schema>.json}: kept as JSON files beside each other rather than as annotations
 * on the records of the modules, which know nothing of HTTP. The lint checks each example against
 * its schema.
 */
@Component
class SchemaExamples implements OpenApiCustomizer {

  static final List<String> SCHEMAS =
      List.of(
          "FilingRequest",
          "RecordView",
          "SearchResult",
          "DispositionRun",
          "RunRequest",
          "HoldRequest",
          "HoldView",
          "LegalHold",
          "EventRequest",
          "RetentionEvent",
          "AuditEntry",
          "ReasonRequest");

  private final JsonMapper json;

  SchemaExamples(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void customise(OpenAPI api) {
    for (String name : SCHEMAS) {
      Schema<?> schema = api.getComponents().getSchemas().get(name);
      if (schema == null) {
        throw new IllegalStateException("The API description has no schema " + name);
      }
      schema.setExample(read(name));
    }
  }

  private Object read(String name) {
    try (InputStream in =
        new ClassPathResource("openapi/examples/" + name + ".json").getInputStream()) {
      return json.readValue(in, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException("No example for schema " + name, e);
    }
  }
}
