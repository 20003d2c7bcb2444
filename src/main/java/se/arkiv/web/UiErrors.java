package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import se.arkiv.access.RecordRestricted;

/**
 * Errors of the UI's pages: a friendly page (or, for an htmx request, a fragment in place) with the
 * title and detail of the problem the API would answer ({@link ProblemDetails#describe}), never a
 * stack trace.
 */
@ControllerAdvice(annotations = UiPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrors {

  private final ProblemDetails problems;

  UiErrors(ProblemDetails problems) {
    this.problems = problems;
  }

  @ExceptionHandler(Exception.class)
  ModelAndView page(Exception e, HttpServletRequest request, WebRequest web) throws Exception {
    ResponseEntity<?> answer = problems.describe(e, web);
    HttpStatusCode status = answer.getStatusCode();
    ModelAndView page =
        new ModelAndView(
            request.getHeader("HX-Request") != null ? "fragments/problem :: problem" : "problem");
    page.setStatus(status);
    page.addObject("status", status.value());
    if (answer.getBody() instanceof ProblemDetail problem) {
      page.addObject("problemTitle", problem.getTitle());
      page.addObject("problemDetail", problem.getDetail());
    }
    if (e instanceof RecordRestricted && request.getMethod().equals("GET")) {
      // A restricted record is read with a reason: the page asks for one and comes back here.
      page.addObject("reasonFor", request.getRequestURI());
    }
    return page;
  }
}
