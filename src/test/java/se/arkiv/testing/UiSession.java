package se.arkiv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's conversation with the UI, without a browser: a session cookie, the login form and the
 * CSRF token that every state change must carry. For tests of the UI's rules that need no
 * rendering.
 */
public final class UiSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  public record Page(int status, String location, String body) {}

  public UiSession(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Logs in through the form; true when the service let the user in. */
  public boolean login(String user, String password) {
    Page form = get("/login");
    Page answer = post("/login", Map.of("username", user, "password", password), token(form));
    return answer.status() == 302 && !answer.location().contains("/login");
  }

  /** The value of a cookie the service set in this session, or null. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A form post with the CSRF token of a freshly fetched page of this session. */
  public Page post(String path, Map<String, String> form) {
    Page start = get("/");
    return post(path, form, token(start.status() == 200 ? start : get("/login")));
  }

  /** A form post with the given CSRF token, or none when null. */
  public Page post(String path, Map<String, String> form, String csrf) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf != null) {
      fields.put("_csrf", csrf);
    }
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String token(Page page) {
    Matcher matcher = CSRF.matcher(page.body());
    if (!matcher.find()) {
      throw new IllegalStateException("No CSRF token on the page: " + page.status());
    }
    return matcher.group(1);
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Page(
          response.statusCode(),
          response.headers().firstValue("Location").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
