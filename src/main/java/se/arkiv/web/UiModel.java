package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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

  /** This page in the other language: the same path and query, with {@code lang} set. */
  @ModelAttribute("otherLanguage")
  String otherLanguage(HttpServletRequest request, Locale locale) {
    String lang = "sv".equals(locale.getLanguage()) ? "en" : "sv";
    var here =
        ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", lang).build();
    return here.getPath() + "?" + here.getQuery();
  }
}
