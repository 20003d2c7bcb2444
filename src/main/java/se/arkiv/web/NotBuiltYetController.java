package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention events, legal holds and disposition are part of the API's shape but not built yet. They
 * answer 501 so that nobody mistakes silence for a hold that was placed.
 */
@RestController
class NotBuiltYetController {

  @RequestMapping({"/api/retention/**", "/api/holds/**", "/api/disposition/**"})
  ResponseEntity<ProblemDetail> notBuilt(HttpServletRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_IMPLEMENTED,
            request.getRequestURI()
                + " belongs to the retention engine, which is not built yet: nothing was done");
    problem.setTitle("Not implemented");
    return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(problem);
  }
}
