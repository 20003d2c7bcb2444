package se.arkiv.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to every operation of the description what the code around the controllers makes true of all
 * of them, so no controller has to repeat it: both ways to log in, and the problem details it can
 * answer (RFC 9457, application/problem+json) with an example each. Which statuses: those of the
 * security chain and the service as a whole (401, 403, 406, 429, 500, 503), 400 when the operation
 * takes input, 404 when it names something by id, 415 when it reads a body, and those the handler
 * declares with {@link ProblemStatuses}.
 */
@Component
class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final String PROBLEM_SCHEMA = "Problem";

  /** What a client may be told, and an example of how, for each status. */
  private record Answer(String description, String title, String detail) {}

  private static final Map<Integer, Answer> ANSWERS = new LinkedHashMap<>();

  static {
    ANSWERS.put(
        400,
        new Answer(
            "The request is malformed or a value is out of bounds; the detail says which.",
            "Invalid parameter",
            "Parameter 'size' has an invalid value: 'many'"));
    ANSWERS.put(
        401,
        new Answer(
            "No credentials, or wrong ones (with WWW-Authenticate).",
            "Authentication required",
            "Log in with HTTP Basic (a user of the users file) or a bearer token"));
    ANSWERS.put(
        403,
        new Answer(
            "Your role may not do this, or the record is outside your departments.",
            "Forbidden",
            "Your role may not do this"));
    ANSWERS.put(
        404,
        new Answer(
            "Nothing with this id (or not visible to you).",
            "Not found",
            "No record 0190f5a4-0000-7000-8000-000000000000"));
    ANSWERS.put(
        406,
        new Answer(
            "None of the media types in Accept can be answered.",
            "Not Acceptable",
            "Acceptable representations: [application/json, application/*+json]."));
    ANSWERS.put(
        409,
        new Answer(
            "Refused by the rules in the current state (a hold, retention not expired, a run"
                + " already going, a concurrent change).",
            "Refused by the retention rules",
            "Record 0190f5a4-0000-7000-8000-000000000000 is under legal hold 'Tax audit 2026'"));
    ANSWERS.put(
        410,
        new Answer(
            "The record was destroyed by a disposition run; its tombstone is in the problem.",
            "Record destroyed",
            "Record 0190f5a4-0000-7000-8000-000000000000 was destroyed on 2033-01-15"));
    ANSWERS.put(
        413,
        new Answer(
            "The upload is over arkiv.upload.max-size; nothing was filed.",
            "Upload too large",
            "The upload is over the limit of 536870912 bytes; nothing was filed"));
    ANSWERS.put(
        415,
        new Answer(
            "The request body is not of a media type this operation reads.",
            "Unsupported Media Type",
            "Content-Type 'text/plain' is not supported."));
    ANSWERS.put(
        416,
        new Answer(
            "The Range lies outside the content (with Content-Range: bytes */size).",
            "Range not satisfiable",
            "The range 'bytes=900000-' lies outside the content of 184213 bytes"));
    ANSWERS.put(
        422,
        new Answer(
            "The manifest has problems; every one is listed in 'rows' and nothing was filed.",
            "Invalid manifest",
            "3 rows of the manifest have problems"));
    ANSWERS.put(
        429,
        new Answer(
            "Too many failed logins from your address (for this user, or for many); wait"
                + " Retry-After seconds.",
            "Too many failed logins",
            "Too many failed logins from your address; try again in 240 s"));
    ANSWERS.put(
        500,
        new Answer(
            "Something went wrong in the service; it has been logged. Never a stack trace.",
            "Internal error",
            "Something went wrong on our side; it has been logged."));
    ANSWERS.put(
        503,
        new Answer(
            "The object store (or the service) is not available; nothing was acknowledged. Retry"
                + " after Retry-After seconds.",
            "Storage unavailable",
            "The object store is not available; nothing was acknowledged. Try again shortly."));
  }

  private static final Set<Integer> EVERY_OPERATION = Set.of(401, 403, 406, 429, 500, 503);
  private static final Set<Integer> WITH_RETRY_AFTER = Set.of(429, 503);

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    operation.addSecurityItem(new SecurityRequirement().addList(ApiDescription.BASIC));
    operation.addSecurityItem(new SecurityRequirement().addList(ApiDescription.BEARER));
    Set<Integer> statuses = new TreeSet<>(EVERY_OPERATION);
    boolean takesInput =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    if (takesInput) {
      statuses.add(400);
    }
    if (operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
      statuses.add(404);
    }
    if (operation.getRequestBody() != null) {
      statuses.add(415);
    }
    ProblemStatuses declared = handler.getMethodAnnotation(ProblemStatuses.class);
    if (declared != null) {
      for (int status : declared.value()) {
        statuses.add(status);
      }
    }
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    if (declared != null && declared.neverSucceeds()) {
      responses.remove("200");
    }
    for (int status : statuses) {
      responses.computeIfAbsent(Integer.toString(status), code -> response(status));
    }
    operation.setResponses(responses);
    return operation;
  }

  private static ApiResponse response(int status) {
    Answer answer = ANSWERS.get(status);
    if (answer == null) {
      throw new IllegalStateException("No problem description for status " + status);
    }
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("type", "about:blank");
    example.put("title", answer.title());
    example.put("status", status);
    example.put("detail", answer.detail());
    example.put("instance", "/api/records/0190f5a4-0000-7000-8000-000000000000");
    ApiResponse response =
        new ApiResponse()
            .description(answer.description())
            .content(
                new Content()
                    .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
                            .example(example)));
    if (WITH_RETRY_AFTER.contains(status)) {
      response.addHeaderObject(
          "Retry-After",
          new Header()
              .description("Seconds to wait before trying again.")
              .schema(new IntegerSchema()));
    }
    if (status == 401) {
      response.addHeaderObject(
          "WWW-Authenticate",
          new Header().description("Basic realm=\"Arkiv\"").schema(new StringSchema()));
    }
    return response;
  }

  /** The problem-details schema every error response refers to. */
  @Override
  public void customise(OpenAPI api) {
    Schema<?> problem =
        new ObjectSchema()
            .description(
                "An RFC 9457 problem detail. Some problems carry more members (validCodes,"
                    + " tombstone, rows, runId, importId), named in the operation's description.")
            .addProperty(
                "type",
                new StringSchema()
                    .format("uri-reference")
                    .description("Always about:blank: the status and title say what it is."))
            .addProperty(
                "title", new StringSchema().description("What went wrong, the same for every case"))
            .addProperty(
                "status",
                new IntegerSchema()
                    .minimum(BigDecimal.valueOf(400))
                    .maximum(BigDecimal.valueOf(599)))
            .addProperty(
                "detail", new StringSchema().description("This occurrence, said for a person"))
            .addProperty(
                "instance",
                new StringSchema().format("uri-reference").description("The path that was asked"));
    problem.setAdditionalProperties(Boolean.TRUE);
    problem.setRequired(List.of("title", "status"));
    api.getComponents().addSchemas(PROBLEM_SCHEMA, problem);
  }
}
