package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.RawHttp;
import se.arkiv.testing.RawHttp.Answer;
import se.arkiv.testing.RunningArkiv;

/**
 * Every error is a problem detail, also those Tomcat and Spring answer before a controller runs.
 * Over a raw socket, so that the malformed requests reach the service exactly as written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorProblemsIT {

  private static final String PROBLEM = "application/problem+json";
  private static final String ID = "0190f5a4-0000-7000-8000-000000000000";

  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(Map.of("arkiv.upload.max-size", "64KB"), InProcessExtractionSource.class);

  private RawHttp http;
  private Map<String, String> clerk;
  private Map<String, String> manager;

  @BeforeAll
  void start() throws Exception {
    http = new RawHttp("127.0.0.1", arkiv.port());
    clerk = Map.of("Authorization", RawHttp.basic(RunningArkiv.CLERK, RunningArkiv.CLERK));
    manager = Map.of("Authorization", RawHttp.basic(RunningArkiv.MANAGER, RunningArkiv.MANAGER));
  }

  @Test
  void anEncodedSlashInAnIdIsABadRequestProblem() {
    assertProblem(http.get("/api/records/a%2Fb", clerk), 400);
  }

  @Test
  void anInvalidPercentEncodingIsABadRequestProblem() {
    assertProblem(http.get("/api/records/%zz", clerk), 400);
  }

  @Test
  void anInvalidPercentEncodingInTheQueryStringIsABadRequestProblemLoggedInOrNot() {
    assertProblem(http.get("/api/search?q=%zz", clerk), 400);
    assertProblem(http.get("/api/search?q=%FF", clerk), 400);
    assertProblem(http.get("/actuator/health?x=%zz", Map.of()), 400);
  }

  @Test
  void aBrowserOnTheUiGetsAPageNotJsonForTheSameMistake() {
    Answer answer = http.get("/records/%zz", Map.of("Accept", "text/html"));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("text/html");
    assertThat(answer.body()).contains("Bad Request").doesNotContain("Apache Tomcat");
  }

  @Test
  void aSemicolonInThePathIsRejectedWithTheReason() {
    Answer answer = http.get("/api/records/" + ID + ";jsessionid=x", clerk);
    assertProblem(answer, 400);
    assertThat(answer.json().get("title").asString()).isEqualTo("Rejected request");
  }

  @Test
  void aHeaderOverTheLimitIsABadRequestProblem() {
    Answer answer =
        http.get(
            "/api/file-plan",
            Map.of("Authorization", clerk.get("Authorization"), "X-Big", "a".repeat(20_000)));
    assertProblem(answer, 400);
  }

  @Test
  void aQueryStringOverTheHeaderLimitIsABadRequestProblem() {
    assertProblem(http.get("/api/search?q=" + "a".repeat(20_000), clerk), 400);
  }

  @Test
  void anUnsupportedMediaTypeIsAProblem() {
    Answer answer =
        http.send(
            "POST /api/holds HTTP/1.1",
            Map.of("Authorization", manager.get("Authorization"), "Content-Type", "text/plain"),
            "hold".getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 415);
  }

  @Test
  void aBodyThatIsNotJsonIsAProblemSayingWhereItBrokeAndNamingNoCode() {
    Answer answer = placeHold("{\"name\": \"Tax audit".getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("title").asString()).isEqualTo("Malformed request");
    assertThat(answer.json().get("detail").asString())
        .startsWith("The request body is not valid JSON")
        .doesNotContain("se.arkiv", "HoldsController");
  }

  @Test
  void aFieldTheBodyDoesNotHaveIsRefusedNamingItAndTheFieldsThatAre() {
    Answer answer =
        placeHold(
            "{\"name\": \"Skatterevision\", \"reason\": \"x\", \"recordIds\": [], \"resaon\": \"y\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString())
        .isEqualTo(
            "The request body has a field 'resaon' that is not one of"
                + " [caseReference, name, query, reason, recordIds]");
  }

  @Test
  void aFieldNamedTwiceIsRefusedRatherThanTheLastOneTaken() {
    Answer answer =
        placeHold(
            "{\"name\": \"Revision 2026\", \"name\": \"Revision 2025\", \"reason\": \"x\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString())
        .startsWith("The request body is not valid JSON")
        .contains("\"name\"");
  }

  @Test
  void aDateThatDoesNotExistIsRefusedNamingTheFieldNotAMissingBody() {
    Answer answer =
        http.send(
            "POST /api/retention/events HTTP/1.1",
            Map.of(
                "Authorization", manager.get("Authorization"), "Content-Type", "application/json"),
            "{\"type\": \"ACCOUNT_CLOSED\", \"keys\": {\"accountId\": \"SE-1\"}, \"effectiveDate\": \"2026-02-30\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString())
        .isEqualTo(
            "The request body has a value for 'effectiveDate' ('2026-02-30') that is not a date"
                + " (YYYY-MM-DD)");
  }

  @Test
  void aFilingWithAMisspelledFieldIsRefusedAndNothingIsFiled() {
    String content = "Lönebesked " + UUID.randomUUID();
    Answer typo =
        fileRaw(
            Map.of(),
            "{\"recordClass\":\"CORRESPONDENCE\",\"documentdate\":\"2026-01-31\"}",
            "lon.txt",
            List.of(content));
    assertProblem(typo, 400);
    assertThat(typo.json().get("detail").asString())
        .startsWith("The part 'metadata' has a field 'documentdate' that is not one of [")
        .contains("documentDate");

    assertThat(fileRaw(Map.of(), "lon.txt", List.of(content)).status())
        .as("the same bytes are new to the archive")
        .isEqualTo(201);
  }

  @Test
  void aCorrectionToADateThatDoesNotExistNamesTheField() {
    Answer filed = fileRaw(Map.of(), "brev.txt", List.of("Brev " + UUID.randomUUID()));
    assertThat(filed.status()).isEqualTo(201);
    Answer answer =
        http.send(
            "PATCH /api/records/" + filed.json().get("id").asString() + " HTTP/1.1",
            Map.of("Authorization", clerk.get("Authorization"), "Content-Type", "application/json"),
            "{\"documentDate\": \"2026-02-30\", \"reason\": \"fel datum\"}"
                .getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString())
        .isEqualTo(
            "The request body has a value for 'documentDate' ('2026-02-30') that is not a date"
                + " (YYYY-MM-DD)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"tags\": [null]}|tags: at most 20 tags",
        "{\"keys\": {\"customerID\": \"5566\"}}|keys.customerID is not a key; the keys are ["
      })
  void aCorrectionWithANullTagOrAKeyThatIsNoKeyIsRefusedNamingIt(String patch, String detail) {
    Answer filed = fileRaw(Map.of(), "brev.txt", List.of("Brev " + UUID.randomUUID()));
    Answer answer =
        http.send(
            "PATCH /api/records/" + filed.json().get("id").asString() + " HTTP/1.1",
            Map.of(
                "Authorization", manager.get("Authorization"), "Content-Type", "application/json"),
            patch.getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString()).startsWith(detail);
  }

  @Test
  void aClerksCorrectionOfARetentionFieldIsRefusedForTheRoleNamingTheFieldSent() {
    Answer filed = fileRaw(Map.of(), "brev.txt", List.of("Brev " + UUID.randomUUID()));
    Answer answer =
        http.send(
            "PATCH /api/records/" + filed.json().get("id").asString() + " HTTP/1.1",
            Map.of("Authorization", clerk.get("Authorization"), "Content-Type", "application/json"),
            "{\"documentDate\": \"2026-01-31\"}".getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 403);
    assertThat(answer.json().get("title").asString()).isEqualTo("Not for your role");
    assertThat(answer.json().get("detail").asString())
        .isEqualTo("Only a records manager may correct [documentDate]: they decide retention");
  }

  @Test
  void aRequestWithoutTheBodyItNeedsIsAProblem() {
    Answer answer = placeHold(new byte[0]);
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString())
        .isEqualTo("The request has no body, or one that cannot be read");
  }

  @Test
  void aMethodTheAddressDoesNotAnswerIs405WithAllow() {
    Answer answer =
        http.send("PUT /api/search HTTP/1.1", clerk, "x".getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 405);
    assertThat(answer.header("Allow")).isEqualTo("GET");
  }

  @Test
  void aFilingWithoutItsFilePartIsAProblem() {
    String boundary = "arkivtest";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
            + "Content-Type: application/json\r\n\r\n{\"recordClass\":\"KYC\"}\r\n--"
            + boundary
            + "--\r\n";
    Answer answer =
        http.send(
            "POST /api/records HTTP/1.1",
            Map.of(
                "Authorization",
                clerk.get("Authorization"),
                "Content-Type",
                "multipart/form-data; boundary=" + boundary),
            body.getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 400);
    assertThat(answer.json().get("detail").asString()).contains("file");
  }

  @Test
  void anAnswerTheClientDoesNotAcceptIsAProblem() {
    Answer answer =
        http.get(
            "/api/file-plan",
            Map.of("Authorization", clerk.get("Authorization"), "Accept", "image/png"));
    assertProblem(answer, 406);
  }

  @Test
  void anUploadOverTheLimitIsAProblem() {
    String boundary = "arkivtest";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
            + "Content-Type: application/json\r\n\r\n{\"recordClass\":\"KYC\"}\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "x".repeat(200_000)
            + "\r\n--"
            + boundary
            + "--\r\n";
    Answer answer =
        http.send(
            "POST /api/records HTTP/1.1",
            Map.of(
                "Authorization",
                clerk.get("Authorization"),
                "Content-Type",
                "multipart/form-data; boundary=" + boundary),
            body.getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 413);
  }

  @Test
  void aFilingWhoseAnswerTheClientCannotReadIsRefusedAndNothingIsFiled() {
    String content = "Avtal " + UUID.randomUUID();
    Answer xml = fileRaw(Map.of("Accept", "application/xml"), "avtal.txt", List.of(content));
    assertThat(xml.status()).isEqualTo(406);

    assertThat(fileRaw(Map.of(), "avtal.txt", List.of(content)).status())
        .as("the same bytes are new to the archive")
        .isEqualTo(201);
  }

  @Test
  void twoFilesInOneFilingAreRefusedAndNeitherIsFiled() {
    String first = "Kvitto " + UUID.randomUUID();
    String second = "Kvitto " + UUID.randomUUID();
    Answer both = fileRaw(Map.of(), "kvitto.txt", List.of(first, second));
    assertProblem(both, 400);
    assertThat(both.json().get("detail").asString()).contains("One part 'file'");

    assertThat(fileRaw(Map.of(), "kvitto.txt", List.of(first)).status()).isEqualTo(201);
    assertThat(fileRaw(Map.of(), "kvitto.txt", List.of(second)).status()).isEqualTo(201);
  }

  @Test
  void aLongSwedishFileNameIsFiledNotRefusedAsTooLarge() {
    // Over 512 bytes of part headers, Tomcat's default limit, once written in UTF-8.
    String name = "Årsredovisning för räkenskapsåret ".repeat(12) + "bilaga.txt";
    ArkivClient.Response filed =
        arkiv
            .client()
            .file(
                RunningArkiv.CLERK,
                name,
                ("Bilaga " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
  }

  /** A filing of class CORRESPONDENCE with one part 'file' per content, all under one name. */
  private Answer fileRaw(Map<String, String> headers, String fileName, List<String> contents) {
    return fileRaw(headers, "{\"recordClass\":\"CORRESPONDENCE\"}", fileName, contents);
  }

  private Answer fileRaw(
      Map<String, String> headers, String metadata, String fileName, List<String> contents) {
    String boundary = "arkivtest";
    StringBuilder body =
        new StringBuilder("--")
            .append(boundary)
            .append("\r\nContent-Disposition: form-data; name=\"metadata\"\r\n")
            .append("Content-Type: application/json\r\n\r\n")
            .append(metadata)
            .append("\r\n");
    for (String content : contents) {
      body.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
          .append(fileName)
          .append("\"\r\nContent-Type: text/plain\r\n\r\n")
          .append(content)
          .append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", clerk.get("Authorization"));
    all.put("Content-Type", "multipart/form-data; boundary=" + boundary);
    return http.send(
        "POST /api/records HTTP/1.1", all, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anUploadWhoseClientStopsSendingHalfWayIsABadRequestNotAnInternalError() throws IOException {
    String boundary = "arkivtest";
    String start =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"halv.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nDe första orden";
    try (Socket socket = new Socket("127.0.0.1", arkiv.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/records HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                  + clerk.get("Authorization")
                  + "\r\nContent-Type: multipart/form-data; boundary="
                  + boundary
                  + "\r\nContent-Length: 60000\r\n\r\n"
                  + start)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.shutdownOutput();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains(PROBLEM);
    }
  }

  @Test
  void aRangeOutsideTheContentIsAProblemWithContentRange() {
    String id =
        arkiv
            .client()
            .file(
                RunningArkiv.CLERK,
                "letter.txt",
                "Dear customer".getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"CORRESPONDENCE\",\"keys\":{\"customerId\":\"R-1\"}}")
            .json()
            .get("id")
            .asString();
    Answer answer =
        http.get(
            "/api/records/" + id + "/content",
            Map.of("Authorization", clerk.get("Authorization"), "Range", "bytes=900-"));
    assertProblem(answer, 416);
    assertThat(answer.header("Content-Range")).isEqualTo("bytes */13");
  }

  /** A hold placed by the records manager with this body, sent as JSON. */
  private Answer placeHold(byte[] body) {
    return http.send(
        "POST /api/holds HTTP/1.1",
        Map.of("Authorization", manager.get("Authorization"), "Content-Type", "application/json"),
        body);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).as(answer.body()).startsWith(PROBLEM);
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    assertThat(answer.json().get("title").asString()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("Tomcat");
  }
}
