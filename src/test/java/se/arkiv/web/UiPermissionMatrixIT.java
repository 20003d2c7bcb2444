package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.UiSession;

/**
 * Every screen of the UI, for every role and for an anonymous browser, read from the running
 * service: a screen added without a line here fails. Also the session's safety: CSRF on every state
 * change, a new session id at login, the cookie's flags, and the API never redirecting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiPermissionMatrixIT {

  private static final String ID = "0190f5a4-0000-7000-8000-000000000000";
  private static final Set<String> ALL = Set.of("CLERK", "AUDITOR", "RECORDS_MANAGER", "ADMIN");
  private static final Set<String> READERS = Set.of("CLERK", "AUDITOR", "RECORDS_MANAGER");
  private static final Set<String> OVERSIGHT = Set.of("AUDITOR", "RECORDS_MANAGER");
  private static final Set<String> MANAGER = Set.of("RECORDS_MANAGER");
  private static final Set<String> FILERS = Set.of("CLERK", "RECORDS_MANAGER");

  /** Method and path pattern of each screen to the roles that pass its rule. */
  static final Map<String, Set<String>> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("GET /login", Set.of());
    MATRIX.put("GET /", ALL);
    MATRIX.put("GET /search", READERS);
    MATRIX.put("GET /search.csv", READERS);
    MATRIX.put("GET /records/{id}", READERS);
    MATRIX.put("GET /records/{id}/content", READERS);
    MATRIX.put("GET /records/{id}/text", READERS);
    MATRIX.put("GET /records/{id}/text-view", READERS);
    MATRIX.put("GET /records/{id}/preview", READERS);
    MATRIX.put("GET /records/{id}/archival", READERS);
    MATRIX.put("GET /records/{id}/status", READERS);
    MATRIX.put("GET /records/{id}/attachments/{index}", READERS);
    MATRIX.put("POST /records/{id}/correct", FILERS);
    MATRIX.put("POST /records/{id}/ocr-review", FILERS);
    MATRIX.put("GET /file", FILERS);
    MATRIX.put("POST /file", FILERS);
    MATRIX.put("POST /views", READERS);
    MATRIX.put("POST /views/{id}/delete", READERS);
    MATRIX.put("POST /views/{id}/seen", READERS);
    MATRIX.put("GET /file-plan", ALL);
    MATRIX.put("GET /retention/events", OVERSIGHT);
    MATRIX.put("POST /retention/events", MANAGER);
    MATRIX.put("POST /retention/events/{id}/retract", MANAGER);
    MATRIX.put("GET /holds", OVERSIGHT);
    MATRIX.put("GET /holds/new", MANAGER);
    MATRIX.put("GET /holds/count", OVERSIGHT);
    MATRIX.put("GET /holds/{id}", OVERSIGHT);
    MATRIX.put("POST /holds", MANAGER);
    MATRIX.put("POST /holds/{id}/release", MANAGER);
    MATRIX.put("GET /disposition", OVERSIGHT);
    MATRIX.put("POST /disposition/runs", MANAGER);
    MATRIX.put("GET /disposition/runs/{id}", OVERSIGHT);
    MATRIX.put("GET /disposition/runs/{id}/progress", OVERSIGHT);
    MATRIX.put("GET /disposition/runs/{id}/certificate", OVERSIGHT);
    MATRIX.put("POST /disposition/runs/{id}/approve", MANAGER);
    MATRIX.put("POST /disposition/runs/{id}/execute", MANAGER);
    MATRIX.put("GET /audit", OVERSIGHT);
    MATRIX.put("GET /audit/verify", OVERSIGHT);
    MATRIX.put("GET /bulk/correct", MANAGER);
    MATRIX.put("POST /bulk/correct", MANAGER);
  }

  private static final Map<String, String> USERS =
      Map.of(
          "CLERK", RunningArkiv.CLERK,
          "AUDITOR", RunningArkiv.AUDITOR,
          "RECORDS_MANAGER", RunningArkiv.MANAGER,
          "ADMIN", RunningArkiv.ADMIN);

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.shared(InProcessExtractionSource.class);

  @Test
  void everyScreenOfTheServiceIsInTheMatrix() {
    Set<String> exposed = new TreeSet<>();
    RequestMappingHandlerMapping mapping =
        arkiv.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api")
            || pattern.startsWith("/error")
            || pattern.startsWith("/v3/api-docs")
            || pattern.startsWith("/swagger-ui")) {
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
  void everyRoleReachesExactlyTheScreensTheMatrixSays() {
    List<String> wrong = new ArrayList<>();
    Map<String, UiSession> sessions = new LinkedHashMap<>();
    for (String role : ALL) {
      UiSession session = session();
      assertThat(session.login(USERS.get(role), USERS.get(role))).as(role).isTrue();
      sessions.put(role, session);
    }
    UiSession anonymous = session();
    for (Map.Entry<String, Set<String>> screen : MATRIX.entrySet()) {
      String method = screen.getKey().split(" ")[0];
      String path = screen.getKey().split(" ")[1].replace("{id}", ID).replace("{index}", "0");
      if (screen.getValue().isEmpty()) {
        continue; // public
      }
      UiSession.Page page = call(anonymous, method, path);
      if (!(page.status() == 302 && page.location().endsWith("/login"))) {
        wrong.add(screen.getKey() + " anonymous: " + page.status() + " " + page.location());
      }
      for (String role : ALL) {
        int status = call(sessions.get(role), method, path).status();
        boolean allowed = screen.getValue().contains(role);
        if (allowed && (status == 403 || status == 302 && method.equals("GET"))) {
          wrong.add(screen.getKey() + " " + role + " should pass, got " + status);
        }
        if (!allowed && status != 403) {
          wrong.add(screen.getKey() + " " + role + " should be 403, got " + status);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aStateChangeWithoutTheCsrfTokenIsRefusedAndSentToLogInAgainNotAuditedAsARoleDenial() {
    UiSession clerk = session();
    clerk.login(RunningArkiv.CLERK, RunningArkiv.CLERK);

    for (String token : new String[] {null, "forged"}) {
      UiSession.Page refused = clerk.post("/views", Map.of("name", "stale", "query", "q=x"), token);
      assertThat(refused.status()).as(token).isEqualTo(302);
      assertThat(refused.location()).as(token).endsWith("/login?expired");
    }
    assertThat(clerk.get("/").body()).doesNotContain("stale");
    assertThat(session().get("/login?expired").body()).contains("id=\"expired\"");
    assertThat(clerk.post("/views", Map.of("name", "mine", "query", "q=x")).status())
        .isEqualTo(302);
    assertThat(clerk.get("/").body()).contains("mine");
    // An old form is no attempt to exceed a role: the trail says nothing of one.
    List<String> denials = new ArrayList<>();
    arkiv
        .client()
        .get("/api/audit?actor=" + RunningArkiv.CLERK + "&size=500", RunningArkiv.AUDITOR)
        .json()
        .get("entries")
        .forEach(
            entry -> {
              if (entry.get("outcome").asString().equals("DENIED")) {
                denials.add(entry.get("action").asString());
              }
            });
    assertThat(denials).doesNotContain("POST /views");
  }

  @Test
  void anHtmxRequestWithoutASessionSendsThePageToTheLoginNotTheLoginIntoTheFragment() {
    var fragment = arkiv.client().get("/holds/count?q=avtal", null, "HX-Request", "true");
    assertThat(fragment.status()).isEqualTo(401);
    assertThat(fragment.header("HX-Redirect")).isEqualTo("/login?expired");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteAndRenewedAtLogin() throws Exception {
    var http = HttpClient.newHttpClient();
    var before =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + arkiv.port() + "/login"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie = before.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("ARKIV_SESSION=").contains("HttpOnly").contains("SameSite=Lax");

    UiSession session = session();
    session.get("/login");
    String anonymousId = sessionId(session);
    session.login(RunningArkiv.AUDITOR, RunningArkiv.AUDITOR);
    assertThat(sessionId(session)).isNotEqualTo(anonymousId);
  }

  @Test
  void theApiNeverAnswersWithTheLoginPage() {
    var response = arkiv.client().get("/api/search", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(arkiv.client().get("/api/disposition/runs", RunningArkiv.CLERK).status())
        .isEqualTo(403);
  }

  @Test
  void theUiPagesForbidInlineScripts() {
    UiSession auditor = session();
    auditor.login(RunningArkiv.AUDITOR, RunningArkiv.AUDITOR);
    String policy = UiSecurityRules.CONTENT_SECURITY_POLICY;
    assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(auditor.get("/search?q=x").body())
        .doesNotContain("<script>")
        .doesNotContain("style=\"");
  }

  @Test
  void staticAssetsHaveContentHashedUrlsAndAreCachedForAYear() {
    String login = session().get("/login").body();
    Matcher css = Pattern.compile("href=\"(/ui/arkiv-[0-9a-f]{32}\\.css)\"").matcher(login);
    Matcher htmx =
        Pattern.compile(
                "src=\"(/webjars/htmx\\.org/2\\.\\d+\\.\\d+/dist/htmx\\.min-[0-9a-f]{32}\\.js)\"")
            .matcher(login);
    assertThat(css.find()).as("hashed stylesheet in %s", login).isTrue();
    assertThat(htmx.find()).as("hashed htmx in %s", login).isTrue();
    var asset = arkiv.client().get(css.group(1), null);
    assertThat(asset.status()).isEqualTo(200);
    assertThat(asset.header("Cache-Control")).contains("max-age=31536000");
    assertThat(arkiv.client().get(htmx.group(1), null).status()).isEqualTo(200);
  }

  private UiSession session() {
    return new UiSession("http://localhost:" + arkiv.port());
  }

  private static UiSession.Page call(UiSession session, String method, String path) {
    return method.equals("GET") ? session.get(path) : session.post(path, Map.of());
  }

  private static String sessionId(UiSession session) {
    return session.cookie("ARKIV_SESSION");
  }
}
