package se.arkiv.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import se.arkiv.audit.AuditEvent.Outcome;
import se.arkiv.security.LoginThrottle;

/** Refuses Basic logins for a user name that failed too often lately (429, Retry-After). */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final ProblemWriter problems;
  private final AuditRecorder audit;

  LoginThrottleFilter(LoginThrottle throttle, ProblemWriter problems, AuditRecorder audit) {
    this.throttle = throttle;
    this.problems = problems;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String username = basicUsername(request.getHeader("Authorization"));
    Optional<Instant> blocked =
        username == null ? Optional.empty() : throttle.blockedUntil(username);
    if (blocked.isPresent()) {
      long seconds = Math.max(1, Duration.between(Instant.now(), blocked.get()).toSeconds());
      audit.anonymous(
          username,
          request.getRemoteAddr(),
          "login.throttled",
          Outcome.DENIED,
          "too many failures");
      response.setHeader("Retry-After", Long.toString(seconds));
      problems.write(
          response,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.TOO_MANY_REQUESTS,
              "Too many failed logins for this user; try again in " + seconds + " s"),
          "Too many failed logins");
      return;
    }
    chain.doFilter(request, response);
  }

  private static String basicUsername(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
