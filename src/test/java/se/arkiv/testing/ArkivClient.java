package se.arkiv.testing;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import se.arkiv.record.ArchivalCopy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API, as curl would use it: Basic auth, multipart uploads. */
public final class ArkivClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public ArkivClient(String base) {
    this.base = base;
  }

  public record Response(int status, Map<String, List<String>> headers, byte[] body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  public Response get(String path, String user, String... headers) {
    HttpRequest.Builder request = request(path, user).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** A GET with a bearer token instead of a user of the users file. */
  public Response getWithToken(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  public Response postWithToken(String path, String token, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response post(String path, String user, String json, String... headers) {
    HttpRequest.Builder request =
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public Response patch(String path, String user, String json) {
    return send(
        request(path, user)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response put(String path, String user, byte[] body) {
    return send(
        request(path, user)
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  public Response delete(String path, String user) {
    return send(request(path, user).DELETE().build());
  }

  /** Files bytes as {@code file} with the JSON {@code metadata}, as the README's curl does. */
  public Response file(String user, String fileName, byte[] content, String metadataJson) {
    String boundary = "----arkiv" + UUID.randomUUID();
    byte[] head = multipartHead(boundary, fileName.replace("\"", "%22"), metadataJson);
    byte[] tail = multipartTail(boundary);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return send(
        request("/api/records", user)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /**
   * Files a document as {@code user} and waits until its extraction is done (read as the auditor);
   * its record id.
   */
  public String fileExtracted(String user, String fileName, byte[] content, String metadataJson) {
    Response filed = file(user, fileName, content, metadataJson);
    if (filed.status() != 201) {
      throw new AssertionError(
          "Filing " + fileName + " answered " + filed.status() + " " + filed.text());
    }
    String id = filed.json().get("id").asString();
    await(
        () -> get("/api/records/" + id, RunningArkiv.AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    return id;
  }

  /**
   * Files a file from disk with its length announced (as curl -F does), without reading it into
   * memory: the service can refuse an oversized one from the Content-Length alone.
   */
  public Response file(String user, String fileName, Path content, String metadataJson)
      throws FileNotFoundException {
    String boundary = "----arkiv" + UUID.randomUUID();
    return send(
        request("/api/records", user)
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(
                        multipartHead(boundary, fileName.replace("\"", "%22"), metadataJson)),
                    HttpRequest.BodyPublishers.ofFile(content),
                    HttpRequest.BodyPublishers.ofByteArray(multipartTail(boundary))))
            .build());
  }

  private static byte[] multipartHead(String boundary, String fileName, String metadataJson) {
    return ("--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + metadataJson
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] multipartTail(String boundary) {
    return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Files a stream of {@code content} without holding it in memory: the body is sent chunked, so
   * neither this client nor (if it streams too) the service needs the file's size in heap.
   */
  public Response fileStreaming(
      String user, String fileName, InputStream content, String metadataJson) {
    String boundary = "----arkiv" + UUID.randomUUID();
    byte[] head = multipartHead(boundary, fileName, metadataJson);
    byte[] tail = multipartTail(boundary);
    InputStream body =
        new SequenceInputStream(
            Collections.enumeration(
                List.of(new ByteArrayInputStream(head), content, new ByteArrayInputStream(tail))));
    return send(
        request("/api/records", user)
            .timeout(Duration.ofMinutes(10))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
            .build());
  }

  public Response search(String user, Map<String, String> parameters) {
    String query =
        parameters.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return get("/api/search?" + query, user);
  }

  public Response search(String user, String... keyValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      parameters.put(keyValues[i], keyValues[i + 1]);
    }
    return search(user, parameters);
  }

  /**
   * Asks again until the answer satisfies {@code done}, for work the service does in the
   * background.
   */
  /**
   * Waits until a record's extraction has finished and the archival copy it left for later (a
   * born-digital PDF's) is made or refused; the record as it is then.
   */
  public Response awaitArchivalCopy(String id) {
    return await(
        () -> get("/api/records/" + id, RunningArkiv.AUDITOR),
        r -> {
          JsonNode extraction = r.json().path("extraction");
          return !"PENDING".equals(extraction.path("status").asString())
              && !ArchivalCopy.LATER.equals(extraction.path("archival").path("reason").asString());
        });
  }

  public Response await(Supplier<Response> call, Predicate<Response> done) {
    AtomicReference<Response> last = new AtomicReference<>();
    try {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                last.set(call.get());
                return last.get();
              },
              done);
    } catch (ConditionTimeoutException e) {
      Response answer = last.get();
      throw new AssertionError(
          answer == null
              ? "Gave up waiting; no answer"
              : "Gave up waiting; last answer " + answer.status() + " " + answer.text(),
          e);
    }
  }

  /** A GET whose body goes straight into {@code file}, never into memory: for large downloads. */
  public int download(String path, String user, Path file)
      throws IOException, InterruptedException {
    HttpRequest request = request(path, user).timeout(Duration.ofMinutes(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofFile(file)).statusCode();
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      String credentials = user + ":" + user;
      builder.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return builder;
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
