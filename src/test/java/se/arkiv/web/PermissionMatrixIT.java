package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.RunningArkiv;

/**
 * Every API endpoint the service exposes, for every role and for an anonymous caller. The endpoints
 * are read from the running service, so a new endpoint without a line here fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT {

  private static final String ID = "0190f5a4-0000-7000-8000-000000000000";
  private static final Set<String> ALL = Set.of("CLERK", "AUDITOR", "RECORDS_MANAGER", "ADMIN");
  private static final Set<String> READERS = Set.of("CLERK", "AUDITOR", "RECORDS_MANAGER");
  private static final Set<String> OVERSIGHT = Set.of("AUDITOR", "RECORDS_MANAGER");
  private static final Set<String> MANAGER = Set.of("RECORDS_MANAGER");
  private static final Set<String> FILERS = Set.of("CLERK", "RECORDS_MANAGER");

  /** Method and path pattern to the roles that pass the access rule. */
  private static final Map<String, Set<String>> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("GET /api/file-plan", ALL);
    MATRIX.put("GET /api/file-plan/versions", ALL);
    MATRIX.put("GET /api/file-plan/versions/{version}", ALL);
    MATRIX.put("POST /api/file-plan/changes", MANAGER);
    MATRIX.put("POST /api/file-plan/decisions", MANAGER);
    MATRIX.put("POST /api/records", FILERS);
    MATRIX.put("GET /api/records/{id}", READERS);
    MATRIX.put("PATCH /api/records/{id}", FILERS);
    MATRIX.put("DELETE /api/records/{id}", FILERS);
    MATRIX.put("GET /api/records/{id}/content", READERS);
    MATRIX.put("PUT /api/records/{id}/content", FILERS);
    MATRIX.put("GET /api/records/{id}/text", READERS);
    MATRIX.put("GET /api/records/{id}/preview", READERS);
    MATRIX.put("GET /api/records/{id}/archival", READERS);
    MATRIX.put("GET /api/records/{id}/attachments/{index}", READERS);
    MATRIX.put("GET /api/records/{id}/history", OVERSIGHT);
    MATRIX.put("GET /api/search", READERS);
    MATRIX.put("GET /api/audit", OVERSIGHT);
    MATRIX.put("GET /api/audit/verify", OVERSIGHT);
    MATRIX.put("POST /api/retention/events", MANAGER);
    MATRIX.put("GET /api/retention/events", OVERSIGHT);
    MATRIX.put("GET /api/retention/events/{id}", OVERSIGHT);
    MATRIX.put("POST /api/retention/events/{id}/retract", MANAGER);
    MATRIX.put("POST /api/holds", MANAGER);
    MATRIX.put("GET /api/holds", OVERSIGHT);
    MATRIX.put("GET /api/holds/{id}", OVERSIGHT);
    MATRIX.put("POST /api/holds/{id}/release", MANAGER);
    MATRIX.put("POST /api/disposition/runs", MANAGER);
    MATRIX.put("GET /api/disposition/runs", OVERSIGHT);
    MATRIX.put("GET /api/disposition/runs/{id}", OVERSIGHT);
    MATRIX.put("POST /api/disposition/runs/{id}/approve", MANAGER);
    MATRIX.put("POST /api/disposition/runs/{id}/execute", MANAGER);
    MATRIX.put("GET /api/disposition/runs/{id}/certificate", OVERSIGHT);
    MATRIX.put("POST /api/fixity/runs", MANAGER);
    MATRIX.put("GET /api/fixity/runs", OVERSIGHT);
    MATRIX.put("GET /api/fixity/runs/{id}", OVERSIGHT);
    MATRIX.put("POST /api/imports", MANAGER);
    MATRIX.put("POST /api/imports/{id}/resume", MANAGER);
    MATRIX.put("GET /api/imports", OVERSIGHT);
    MATRIX.put("GET /api/imports/{id}", OVERSIGHT);
    MATRIX.put("GET /api/imports/{id}/report", OVERSIGHT);
    MATRIX.put("GET /api/records/{id}/class-suggestion", READERS);
    MATRIX.put("POST /api/class-suggestions", FILERS);
    MATRIX.put("POST /api/saved-searches", READERS);
    MATRIX.put("GET /api/saved-searches", READERS);
    MATRIX.put("GET /api/saved-searches/{id}/new", READERS);
    MATRIX.put("POST /api/saved-searches/{id}/seen", READERS);
    MATRIX.put("DELETE /api/saved-searches/{id}", READERS);
    MATRIX.put("POST /api/subject-access", MANAGER);
    MATRIX.put("POST /api/erasure-requests", MANAGER);
    MATRIX.put("GET /api/erasure-requests", MANAGER);
    MATRIX.put("GET /api/erasure-requests/{id}", MANAGER);
    MATRIX.put("POST /api/exports", OVERSIGHT);
    MATRIX.put("GET /api/exports", OVERSIGHT);
    MATRIX.put("GET /api/exports/{id}", OVERSIGHT);
    MATRIX.put("GET /api/exports/{id}/content", OVERSIGHT);
  }

  private static final Map<String, String> USERS =
      Map.of(
          "CLERK", RunningArkiv.CLERK,
          "AUDITOR", RunningArkiv.AUDITOR,
          "RECORDS_MANAGER", RunningArkiv.MANAGER,
          "ADMIN", RunningArkiv.ADMIN);

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.shared(InProcessExtractionSource.class);

  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
  }

  @Test
  void everyApiEndpointOfTheServiceIsInTheMatrix() {
    Set<String> exposed = new TreeSet<>();
    RequestMappingHandlerMapping mapping =
        arkiv.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api")) {
          continue;
        }
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          exposed.add(method.name() + " " + pattern);
        }
        assertThat(info.getMethodsCondition().getMethods())
            .as("%s must name its HTTP method", pattern)
            .isNotEmpty();
      }
    }
    assertThat(exposed).containsExactlyInAnyOrderElementsOf(MATRIX.keySet());
  }

  @Test
  void everyRoleGetsExactlyWhatTheMatrixSays() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Set<String>> endpoint : MATRIX.entrySet()) {
      String method = endpoint.getKey().split(" ")[0];
      String path =
          endpoint
              .getKey()
              .split(" ")[1]
              .replace("{id}", ID)
              .replace("{index}", "1")
              .replace("{version}", "1");
      int anonymous = call(method, path, null).status();
      if (anonymous != 401) {
        wrong.add(endpoint.getKey() + " anonymous: " + anonymous);
      }
      for (String role : ALL) {
        int status = call(method, path, USERS.get(role)).status();
        boolean allowed = endpoint.getValue().contains(role);
        if (allowed && (status == 401 || status == 403)) {
          wrong.add(endpoint.getKey() + " " + role + " should pass, got " + status);
        }
        if (!allowed && status != 403) {
          wrong.add(endpoint.getKey() + " " + role + " should be 403, got " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void whatIsNotListedIsDeniedAndHealthAndDocsArePublic() {
    assertThat(call("GET", "/api/unknown", RunningArkiv.AUDITOR).status()).isEqualTo(403);
    // The UI's pages send an anonymous browser to the login form; the API never does.
    Response start = call("GET", "/", null);
    assertThat(start.status()).isEqualTo(302);
    assertThat(start.header("Location")).endsWith("/login");
    assertThat(call("GET", "/api/unknown", null).status()).isEqualTo(401);
    assertThat(call("GET", "/actuator/health", null).status()).isEqualTo(200);
    assertThat(call("GET", "/actuator/env", RunningArkiv.CLERK).status()).isEqualTo(403);
    assertThat(call("GET", "/v3/api-docs", null).status()).isEqualTo(200);
  }

  @Test
  void aRefusalIsAProblemThatSaysWhy() {
    Response anonymous = call("GET", "/api/search", null);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
    assertThat(call("GET", "/api/search", "nobody").status()).isEqualTo(401);
    Response forbidden = call("POST", "/api/holds", RunningArkiv.CLERK);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().get("title").asString()).isEqualTo("Forbidden");
  }

  @Test
  void responsesCarrySecurityHeaders() {
    Response response = call("GET", "/api/file-plan", RunningArkiv.CLERK);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.header("Cache-Control")).contains("no-store");
  }

  private Response call(String method, String path, String user) {
    return switch (method) {
      case "GET" -> client.get(path, user);
      case "POST" -> client.post(path, user, "{}");
      case "PATCH" -> client.patch(path, user, "{}");
      case "PUT" -> client.put(path, user, new byte[] {1});
      case "DELETE" -> client.delete(path, user);
      default -> throw new IllegalArgumentException(method);
    };
  }
}
