package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;
import static se.arkiv.testing.RunningArkiv.SECOND_MANAGER;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;

/**
 * The records-management screens over plain HTTP with a session cookie and CSRF token: what each
 * role is refused server-side whatever the page offers, and four eyes on a disposition run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceScreensIT {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private RunningArkiv arkiv;
  private ArkivClient api;

  @BeforeAll
  void start() throws Exception {
    MovableClockSource.CLOCK.set(Instant.parse("2025-03-01T09:00:00Z"));
    arkiv = RunningArkiv.start(Map.of(), MovableClockSource.class, InProcessExtractionSource.class);
    api = arkiv.client();
  }

  @AfterAll
  void stop() throws Exception {
    arkiv.close();
  }

  /** A browser-like session: cookies kept, redirects not followed. */
  final class Session {
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String csrf;

    Session(String user) throws Exception {
      HttpResponse<String> login = get("/login");
      post("/login", Map.of("username", user, "password", user), token(login.body()));
      // The token changes with the login.
      csrf = token(get("/file-plan").body());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(url(path))).header("Accept-Language", "en").build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      return post(path, form, csrf);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String token)
        throws Exception {
      return post(path, form, token, List.of());
    }

    /** A form that also names these records, each as a field {@code recordIds} of its own. */
    HttpResponse<String> postNaming(String path, Map<String, String> form, List<String> recordIds)
        throws Exception {
      return post(path, form, csrf, recordIds);
    }

    private HttpResponse<String> post(
        String path, Map<String, String> form, String token, List<String> recordIds)
        throws Exception {
      Map<String, String> all = new LinkedHashMap<>(form);
      if (token != null) {
        all.put("_csrf", token);
      }
      String body =
          Stream.concat(
                  all.entrySet().stream()
                      .map(
                          e ->
                              URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                  + "="
                                  + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)),
                  recordIds.stream().map(id -> "recordIds=" + id))
              .collect(Collectors.joining("&"));
      return http.send(
          HttpRequest.newBuilder(URI.create(url(path)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept-Language", "en")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String token(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in " + html).isTrue();
    return m.group(1);
  }

  @Test
  void refusesTheApprovalOfTheManagerWhoStartedTheRunAndTakesTheSecondOnes() throws Exception {
    MovableClockSource.CLOCK.set(Instant.parse("2025-03-01T09:00:00Z"));
    ArkivClient.Response filed =
        api.file(
            CLERK,
            "hr.txt",
            "Personalakt".getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"HR-FILE\",\"keys\":{\"employeeId\":\"E-9\"}}");
    String id = filed.json().get("id").asString();
    api.await(
        () -> api.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    Session maja = new Session(MANAGER);
    assertThat(
            maja.post(
                    "/retention/events",
                    Map.of(
                        "type", "EMPLOYMENT_ENDED",
                        "effectiveDate", "2025-02-01",
                        "key.employeeId", "E-9",
                        "reference", "HR 9"))
                .statusCode())
        .isEqualTo(302);
    MovableClockSource.CLOCK.set(Instant.parse("2027-06-01T09:00:00Z"));

    HttpResponse<String> started =
        maja.post("/disposition/runs", Map.of("mode", "real", "recordClass", "HR-FILE"));
    assertThat(started.statusCode()).isEqualTo(302);
    String runPage = URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
    HttpResponse<String> page = maja.get(runPage);
    assertThat(page.body())
        .contains(id)
        .contains("id=\"four-eyes\"")
        .doesNotContain("id=\"approve\"");

    HttpResponse<String> own = maja.post(runPage + "/approve", Map.of());
    assertThat(own.statusCode()).isEqualTo(409);
    assertThat(own.body()).contains("four eyes");

    Session mats = new Session(SECOND_MANAGER);
    assertThat(mats.get(runPage).body()).contains("id=\"approve\"");
    assertThat(mats.post(runPage + "/approve", Map.of()).statusCode()).isEqualTo(302);
    assertThat(mats.get(runPage).body()).contains("id=\"execute\"");
  }

  @Test
  void refusesActionsToRolesThatMayNotTakeThem() throws Exception {
    Session auditor = new Session(AUDITOR);
    HttpResponse<String> holds = auditor.get("/holds");
    assertThat(holds.statusCode()).isEqualTo(200);
    assertThat(holds.body()).doesNotContain("id=\"hold-q\"");
    assertThat(
            auditor
                .post("/holds", Map.of("scope", "query", "q", "*:*", "name", "x", "reason", "y"))
                .statusCode())
        .isEqualTo(403);
    assertThat(auditor.get("/audit").statusCode()).isEqualTo(200);

    Session clerk = new Session(CLERK);
    assertThat(clerk.get("/audit").statusCode()).isEqualTo(403);
    assertThat(clerk.get("/holds").statusCode()).isEqualTo(403);
    assertThat(clerk.get("/disposition").statusCode()).isEqualTo(403);
    assertThat(clerk.get("/file-plan").statusCode()).isEqualTo(200);

    Session manager = new Session(MANAGER);
    assertThat(
            manager
                .post(
                    "/holds",
                    Map.of("scope", "query", "q", "*:*", "name", "x", "reason", "y"),
                    null)
                .statusCode())
        .as("no CSRF token: sent to log in again")
        .isEqualTo(302);
    assertThat(api.get("/api/holds", AUDITOR).text()).doesNotContain("\"name\":\"x\"");
  }

  @Test
  void explainsABadHoldQueryInPlaceAndRefusesAnEmptySelection() throws Exception {
    Session manager = new Session(MANAGER);
    HttpResponse<String> count =
        manager.get("/holds/count?q=" + URLEncoder.encode("title:(", StandardCharsets.UTF_8));
    assertThat(count.statusCode()).isEqualTo(200);
    assertThat(count.body()).contains("Not a valid query");

    HttpResponse<String> none = manager.get("/holds/new?scope=selected&query=x");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("No records selected");
  }

  private String fileLetter(String text) {
    ArkivClient.Response filed =
        api.file(
            CLERK,
            "letter.txt",
            text.getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    api.await(
        () -> api.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    return id;
  }

  @Test
  void correctsOneFieldOfASelectionOrNoneWhenOneIsHeld() throws Exception {
    String a = fileLetter("Brev A om ärendet");
    String b = fileLetter("Brev B om ärendet");
    String held = fileLetter("Brev C om ärendet");
    Session manager = new Session(MANAGER);
    HttpResponse<String> confirm = manager.get("/bulk/correct?recordIds=" + a + "&recordIds=" + b);
    assertThat(confirm.body()).contains("touches 2 records");

    HttpResponse<String> done =
        manager.post(
            "/bulk/correct?recordIds=" + a + "&recordIds=" + b,
            Map.of("field", "caseId", "value", "K-42", "reason", "Samma ärende"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("2 records corrected");
    for (String id : List.of(a, b)) {
      assertThat(api.get("/api/records/" + id, AUDITOR).json().get("keys").get("caseId").asString())
          .isEqualTo("K-42");
    }

    assertThat(
            api.post(
                    "/api/holds",
                    MANAGER,
                    "{\"name\":\"h\",\"reason\":\"r\",\"recordIds\":[\"" + held + "\"]}")
                .status())
        .isEqualTo(201);
    HttpResponse<String> refused =
        manager.post(
            "/bulk/correct?recordIds=" + a + "&recordIds=" + held,
            Map.of("field", "addTag", "value", "granskad", "reason", "Granskning"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("under legal hold");
    assertThat(api.get("/api/records/" + a, AUDITOR).json().get("tags").toString())
        .doesNotContain("granskad");

    Session clerk = new Session(CLERK);
    assertThat(clerk.get("/bulk/correct?recordIds=" + a).statusCode()).isEqualTo(403);
  }

  @Test
  void aValueOneRecordOfTheSelectionCannotTakeChangesNoneOfThem() throws Exception {
    String first = fileLetter("Brev D om ärendet");
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      tags.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    }
    ArkivClient.Response full =
        api.file(
            CLERK,
            "full.txt",
            "Brev E med tjugo etiketter".getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"CORRESPONDENCE\",\"tags\":[" + tags + "]}");
    assertThat(full.status()).as(full.text()).isEqualTo(201);
    String second = full.json().get("id").asString();
    int before = api.get("/api/records/" + first, AUDITOR).json().get("version").asInt();

    HttpResponse<String> refused =
        new Session(MANAGER)
            .post(
                "/bulk/correct?recordIds=" + first + "&recordIds=" + second,
                Map.of("field", "addTag", "value", "granskad", "reason", "Granskning"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("tags: at most 20");
    assertThat(api.get("/api/records/" + first, AUDITOR).json().get("version").asInt())
        .as("the first record, checked before the second was")
        .isEqualTo(before);
  }

  @Test
  void aBatchOverTheLimitIsRefusedWithTheLimitNotABareBadRequest() throws Exception {
    // 1,001 records and the form's four fields: more parameters than Tomcat's default 1,000.
    List<String> ids =
        IntStream.range(0, 1001)
            .mapToObj(i -> String.format("0190f5a4-0000-7000-8000-%012d", i))
            .toList();

    HttpResponse<String> refused =
        new Session(MANAGER)
            .postNaming(
                "/bulk/correct",
                Map.of("field", "caseId", "value", "K-1", "reason", "Samma ärende"),
                ids);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("at most 1000 records, not 1001");
  }

  @Test
  void retractsAnEventWithAReasonAndNotWithout() throws Exception {
    Session manager = new Session(MANAGER);
    assertThat(
            manager
                .post(
                    "/retention/events",
                    Map.of(
                        "type", "ACCOUNT_CLOSED",
                        "effectiveDate", "2025-01-02",
                        "key.accountId", "A-55",
                        "reference", "Fel konto"))
                .statusCode())
        .isEqualTo(302);
    String id =
        api.get("/api/retention/events", AUDITOR)
            .json()
            .valueStream()
            .filter(e -> "Fel konto".equals(e.get("reference").asString()))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asString();
    String retract = "/retention/events/" + id + "/retract";
    assertThat(manager.get("/retention/events").body()).contains(retract);

    HttpResponse<String> noReason = manager.post(retract, Map.of("reason", " "));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason is required");
    assertThat(manager.post(retract, Map.of("reason", "Fel konto angivet")).statusCode())
        .isEqualTo(302);
    String list = manager.get("/retention/events").body();
    assertThat(list).contains("Fel konto angivet").doesNotContain(retract);
  }

  @Test
  void speaksSwedishAndEnglish() throws Exception {
    Session clerk = new Session(CLERK);
    assertThat(clerk.get("/file-plan?lang=sv").body())
        .contains("<h1>Informationshanteringsplan</h1>")
        .contains("räkenskapsårets slut");
    assertThat(clerk.get("/file-plan?lang=en").body())
        .contains("<h1>File plan</h1>")
        .contains("the end of the fiscal year");
  }

  private String url(String path) {
    return "http://localhost:" + arkiv.port() + path;
  }
}
