package se.arkiv.web;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import se.arkiv.audit.AuditEvent.Outcome;
import se.arkiv.security.LoginThrottle;

/** Failed logins are audited (never with the password tried) and counted for the throttle. */
@Component
class LoginEvents {

  private final AuditRecorder audit;
  private final LoginThrottle throttle;

  LoginEvents(AuditRecorder audit, LoginThrottle throttle) {
    this.audit = audit;
    this.throttle = throttle;
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    String username = event.getAuthentication().getName();
    String client =
        event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : AuditRecorder.client();
    throttle.failed(username, String.valueOf(client));
    audit.anonymous(
        username,
        client,
        "login.failure",
        Outcome.DENIED,
        event.getException().getClass().getSimpleName());
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    String client =
        event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : AuditRecorder.client();
    throttle.succeeded(event.getAuthentication().getName(), String.valueOf(client));
  }
}
