package se.arkiv.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security handles its POST, the throttle and the logout. */
@UiPage
class LoginPage {

  @GetMapping("/login")
  String login(@org.springframework.web.bind.annotation.ModelAttribute("me") UiUser me) {
    return me == null ? "login" : "redirect:/";
  }
}
