package se.arkiv.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where Tomcat sends an error that no controller answered (Spring Boot's error page, in place of
 * its BasicErrorController): a request the security firewall rejected, a 403 of the UI's chain, a
 * failure in a filter. The API (and any client that does not ask for HTML) gets the problem detail
 * {@link ProblemDetails} would answer; a browser on the UI's pages gets the friendly error page.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorEndpoint implements ErrorController {

  /** Set by whoever answers with sendError and knows why better than a status can say. */
  static final String CAUSE = ErrorEndpoint.class.getName() + ".cause";

  private static final AntPathMatcher PATHS = new AntPathMatcher();

  private final ProblemDetails problems;
  private final ProblemWriter writer;

  ErrorEndpoint(ProblemDetails problems, ProblemWriter writer) {
    this.problems = problems;
    this.writer = writer;
  }

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) throws Exception {
    if (isApi(request)) {
      ResponseEntity<ProblemDetail> answer = problem(request);
      answer
          .getHeaders()
          .forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
      writer.write(response, answer.getBody(), answer.getBody().getTitle());
      return null;
    }
    HttpStatus status = status(request);
    ModelAndView page = new ModelAndView("error");
    page.setStatus(status);
    page.addObject("status", status.value());
    return page;
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) throws Exception {
    HttpStatus status = status(request);
    Throwable cause = cause(request);
    if (status.is4xxClientError() && cause instanceof IOException) {
      // Tomcat answered a request it could not read to its end (the client closed the connection
      // half-way, or went quiet): the client's error, with its I/O exception beside it, not ours.
      cause = null;
    }
    ProblemDetail problem;
    ResponseEntity.BodyBuilder answer;
    if (cause instanceof Exception e) {
      ResponseEntity<?> described = problems.describe(e, new ServletWebRequest(request));
      problem =
          described.getBody() instanceof ProblemDetail body
              ? body
              : ProblemDetail.forStatus(described.getStatusCode());
      answer = ResponseEntity.status(described.getStatusCode()).headers(described.getHeaders());
    } else {
      problem = ProblemDetail.forStatusAndDetail(status, detail(status));
      problem.setTitle(status.getReasonPhrase());
      answer = ResponseEntity.status(status);
    }
    problem.setType(URI.create("about:blank"));
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path) {
      problem.setInstance(URI.create(path.replace(" ", "%20")));
    }
    return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static boolean isApi(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String s ? s : "";
    for (String pattern : HttpSecurityRules.API_PATHS) {
      if (PATHS.match(pattern, path)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable cause(HttpServletRequest request) {
    Object given = request.getAttribute(CAUSE);
    if (given == null) {
      given = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    }
    return given instanceof Throwable t ? t : null;
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
    return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  /** What a bare status means here, for errors that come without an exception. */
  static String detail(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "The request is malformed and was not processed";
      case UNAUTHORIZED -> "Log in with HTTP Basic (a user of the users file) or a bearer token";
      case FORBIDDEN -> "Your role may not do this";
      case NOT_FOUND -> "There is nothing at this address";
      case METHOD_NOT_ALLOWED -> "This address does not answer this method";
      case CONTENT_TOO_LARGE -> "The request is over the size limit; nothing was filed";
      case URI_TOO_LONG -> "The address (with its query string) is over the limit";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are over the limit";
      case SERVICE_UNAVAILABLE -> "The service is not available right now; try again shortly";
      default ->
          status.is5xxServerError()
              ? "Something went wrong on our side; it has been logged."
              : "The request could not be answered (" + status.getReasonPhrase() + ")";
    };
  }
}
