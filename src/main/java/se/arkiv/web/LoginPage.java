package se.arkiv.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The login form, and a link per configured identity provider; Spring Security handles the POST,
 * the provider's redirects, the throttle and the logout.
 */
@UiPage
class LoginPage {

  /** An identity provider to offer: its registration id and its name for people. */
  record Provider(String id, String name) {}

  private final ObjectProvider<ClientRegistrationRepository> registrations;

  LoginPage(ObjectProvider<ClientRegistrationRepository> registrations) {
    this.registrations = registrations;
  }

  @GetMapping("/login")
  String login(@ModelAttribute("me") UiUser me, Model model) {
    if (me != null) {
      return "redirect:/";
    }
    List<Provider> providers = new ArrayList<>();
    if (registrations.getIfAvailable() instanceof Iterable<?> all) {
      for (Object registration : all) {
        ClientRegistration client = (ClientRegistration) registration;
        providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
      }
    }
    model.addAttribute("providers", providers);
    return "login";
  }
}
