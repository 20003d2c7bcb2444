package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.ArkivService;
import tools.jackson.databind.JsonNode;

/**
 * The API description is a contract: Redocly's recommended rules find no error in it, and it
 * describes exactly the endpoints the service maps, no more and no fewer. Tag "openapi" runs it
 * alone: {@code ./scripts/test -Dgroups=openapi}.
 */
@Tag("openapi")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT {

  /** Where scripts/lib.sh (ensure_redocly) installs the pinned Redocly CLI. */
  private static final Path DEFAULT_REDOCLY =
      Path.of(System.getProperty("user.home"), ".cache/arkiv/redocly/node_modules/.bin/redocly");

  private static final String INSTALL =
      "Install it with: npm install --prefix ~/.cache/arkiv/redocly @redocly/cli@2.77.0"
          + " (./scripts/test does this itself), or point ARKIV_REDOCLY at a redocly binary.";

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.shared(InProcessExtractionSource.class);

  private JsonNode description;
  private Path written;

  @BeforeAll
  void start() throws IOException {
    Response answer = arkiv.client().get("/v3/api-docs", null);
    assertThat(answer.status()).isEqualTo(200);
    written = Path.of("target", "openapi", "arkiv-openapi.json");
    Files.createDirectories(written.getParent());
    Files.write(written, answer.body());
    description = answer.json();
  }

  @Test
  void redoclysRecommendedRulesFindNoError() throws Exception {
    Path redocly = redocly();
    Process lint =
        new ProcessBuilder(
                redocly.toString(),
                "lint",
                "--config",
                Path.of("redocly.yaml").toAbsolutePath().toString(),
                "--format=stylish",
                written.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(2, TimeUnit.MINUTES)).as("redocly lint finishes").isTrue();
    assertThat(lint.exitValue()).as("redocly lint %s:%n%s", written, output).isZero();
  }

  @Test
  void describesEveryMappedEndpointAndNothingElse() {
    Set<String> mapped = new TreeSet<>();
    RequestMappingHandlerMapping mapping =
        arkiv.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/")) {
          for (RequestMethod method : info.getMethodsCondition().getMethods()) {
            mapped.add(method.name() + " " + pattern);
          }
        }
      }
    }
    Set<String> described = new TreeSet<>();
    description
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(
                        method ->
                            described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertThat(mapped).isNotEmpty();
    assertThat(described).containsExactlyInAnyOrderElementsOf(mapped);
  }

  @Test
  void everyOperationNamesItsLoginsAndAnswersErrorsAsProblemDetails() {
    List<String> wrong = new ArrayList<>();
    description
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          String name = operation.getKey() + " " + path.getKey();
                          JsonNode op = operation.getValue();
                          if (!op.hasNonNull("summary") || !op.hasNonNull("description")) {
                            wrong.add(name + ": no summary or description");
                          }
                          if (!op.path("security").toString().contains(ApiDescription.BASIC)
                              || !op.path("security").toString().contains(ApiDescription.BEARER)) {
                            wrong.add(name + ": security is not Basic and bearer");
                          }
                          op.get("responses")
                              .properties()
                              .forEach(
                                  response -> {
                                    if (response.getKey().compareTo("400") >= 0
                                        && !response
                                            .getValue()
                                            .path("content")
                                            .has(ProblemResponses.PROBLEM_JSON)) {
                                      wrong.add(name + " " + response.getKey() + ": not a problem");
                                    }
                                  });
                        }));
    assertThat(wrong).isEmpty();
    assertThat(description.at("/info/title").asString()).isEqualTo("Arkiv");
    assertThat(description.at("/info/version").asString()).isNotBlank().isNotEqualTo("v0");
  }

  private static Path redocly() {
    String given = System.getenv("ARKIV_REDOCLY");
    Path tool = given == null || given.isBlank() ? DEFAULT_REDOCLY : Path.of(given);
    if (Files.isExecutable(tool)) {
      return tool;
    }
    String missing = "Redocly CLI is not installed at " + tool + ". " + INSTALL;
    // ./scripts/test sets ARKIV_REDOCLY: there a missing tool is a failure, not a skip.
    if (given != null) {
      fail(missing);
    }
    Assumptions.abort(missing);
    return tool;
  }
}
