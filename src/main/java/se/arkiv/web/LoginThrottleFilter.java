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
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import se.arkiv.audit.AuditEvent.Outcome;
import se.arkiv.security.LoginThrottle;

/**
 * Refuses a login the throttle holds back (this user name failed too often from this address, or
 * many names did), before the password is even checked: HTTP Basic on the API (429 with
 * Retry-After, as a problem detail) and the UI's login form (back to the form, saying how long to
 * wait). One throttle counts the failures of both; every refusal is audited.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

  /** How a blocked attempt is answered, given the seconds until the user name may try again. */
  @FunctionalInterface
  interface Refusal {
    void answer(HttpServletRequest request, HttpServletResponse response, long seconds)
        throws IOException;
  }

  private final LoginThrottle throttle;
  private final AuditRecorder audit;
  private final Function<HttpServletRequest, String> username;
  private final Refusal refusal;

  private LoginThrottleFilter(
      LoginThrottle throttle,
      AuditRecorder audit,
      Function<HttpServletRequest, String> username,
      Refusal refusal) {
    this.throttle = throttle;
    this.audit = audit;
    this.username = username;
    this.refusal = refusal;
  }

  static LoginThrottleFilter forBasic(
      LoginThrottle throttle, ProblemWriter problems, AuditRecorder audit) {
    return new LoginThrottleFilter(
        throttle,
        audit,
        request -> basicUsername(request.getHeader("Authorization")),
        (request, response, seconds) -> {
          response.setHeader("Retry-After", Long.toString(seconds));
          problems.write(
              response,
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.TOO_MANY_REQUESTS,
                  "Too many failed logins from your address; try again in " + seconds + " s"),
              "Too many failed logins");
        });
  }

  static LoginThrottleFilter forForm(LoginThrottle throttle, AuditRecorder audit) {
    return new LoginThrottleFilter(
        throttle,
        audit,
        request ->
            "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())
                ? request.getParameter("username")
                : null,
        (request, response, seconds) ->
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String name = username.apply(request);
    Optional<LoginThrottle.Refusal> refused =
        name == null ? Optional.empty() : throttle.refusal(name, request.getRemoteAddr());
    if (refused.isPresent()) {
      long seconds =
          Math.max(
              1, (Duration.between(Instant.now(), refused.get().until()).toMillis() + 999) / 1000);
      audit.anonymous(
          name,
          request.getRemoteAddr(),
          "login.throttled",
          Outcome.DENIED,
          refused.get().reason() == LoginThrottle.Reason.ADDRESS
              ? "too many failed logins from this address"
              : "too many failed logins for this user from this address");
      refusal.answer(request, response, seconds);
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
