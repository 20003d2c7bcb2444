package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page of the UI shows: who is signed in, and the path for the navigation. */
@ControllerAdvice(annotations = UiPage.class)
class UiModel {

  private final AuditRecorder audit;

  UiModel(AuditRecorder audit) {
    this.audit = audit;
  }

  @ModelAttribute("me")
  UiUser me() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return UiUser.of(audit.actor());
  }

  @ModelAttribute("path")
  String path(HttpServletRequest request) {
    return request.getRequestURI();
  }
}
