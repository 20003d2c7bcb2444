package se.arkiv.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to what it rejects before Spring sees the request (an invalid or encoded-slash
 * URL, headers or a request line over the limit): a problem detail instead of Tomcat's HTML page
 * with its version, or, for a browser on the UI's pages, a plain page saying what went wrong.
 * Installed as the host's error report valve by {@link ErrorHandlingConfiguration}; errors Spring
 * does see go to {@link ErrorEndpoint}.
 */
public final class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(code);
    String title = status == null ? "Error" : status.getReasonPhrase();
    String detail =
        status == null ? "The request could not be answered" : ErrorEndpoint.detail(status);
    try {
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      if (browserPage(request)) {
        response.setContentType("text/html;charset=UTF-8");
        write(response, page(code, title, detail));
      } else {
        response.setContentType("application/problem+json");
        write(response, problem(code, title, detail));
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response is unusable: nothing more to say to it.
    }
  }

  private static void write(Response response, String body) throws IOException {
    Writer writer = response.getReporter();
    if (writer != null) {
      writer.write(body);
      response.finishResponse();
    }
  }

  /** Not the API's paths, and asked for by a browser. The raw URI: it may not even decode. */
  private static boolean browserPage(Request request) {
    String uri = request.getCoyoteRequest().requestURI().toString();
    String accept = request.getCoyoteRequest().getHeader("Accept");
    boolean api =
        uri.startsWith("/api/")
            || uri.equals("/api")
            || uri.startsWith("/actuator")
            || uri.startsWith("/v3/api-docs");
    return !api && accept != null && accept.contains("text/html");
  }

  static String problem(int status, String title, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\""
        + json(title)
        + "\",\"status\":"
        + status
        + ",\"detail\":\""
        + json(detail)
        + "\"}";
  }

  private static String page(int status, String title, String detail) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + html(title)
        + " · Arkiv</title></head><body><main><h1>"
        + html(title)
        + "</h1><p>"
        + html(detail)
        + "</p><p>HTTP "
        + status
        + "</p><p><a href=\"/\">Back to the start page</a></p></main></body></html>";
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
