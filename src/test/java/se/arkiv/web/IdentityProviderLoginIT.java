package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.util.UriComponentsBuilder;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.UiSession;

/**
 * The UI's login through the bank's identity provider, as far as it runs without one: the login
 * page offers it, and Arkiv starts the authorization-code flow with state, nonce and its own
 * redirect address. The code exchange itself needs a real provider and is not run here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityProviderLoginIT {

  private static final String PROVIDER = "https://login.bank.example";
  private RunningArkiv arkiv;

  @BeforeAll
  void start() throws Exception {
    String registration = "spring.security.oauth2.client.registration.bank.";
    String provider = "spring.security.oauth2.client.provider.bank.";
    arkiv =
        RunningArkiv.start(
            Map.of(
                registration + "client-id", "arkiv",
                registration + "client-secret", "from-the-environment-in-production",
                registration + "client-name", "Bankens inloggning",
                registration + "authorization-grant-type", "authorization_code",
                registration + "scope", "openid,profile",
                registration + "redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}",
                provider + "authorization-uri", PROVIDER + "/authorize",
                provider + "token-uri", PROVIDER + "/token",
                provider + "jwk-set-uri", PROVIDER + "/jwks",
                provider + "user-name-attribute", "sub"),
            InProcessExtractionSource.class);
  }

  @AfterAll
  void stop() throws Exception {
    arkiv.close();
  }

  @Test
  void theLoginPageOffersTheBanksLoginBesideTheUsersFile() {
    String page = new UiSession(base()).get("/login").body();

    assertThat(page)
        .contains("href=\"/oauth2/authorization/bank\"")
        .contains("Bankens inloggning")
        .contains("name=\"username\"");
  }

  @Test
  void startsTheAuthorizationCodeFlowAtTheProvider() {
    UiSession.Page redirect = new UiSession(base()).get("/oauth2/authorization/bank");

    assertThat(redirect.status()).isEqualTo(302);
    URI location = URI.create(redirect.location());
    assertThat(location.getScheme() + "://" + location.getHost() + location.getPath())
        .isEqualTo(PROVIDER + "/authorize");
    Map<String, String> query =
        UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap();
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "arkiv")
        .containsKeys("state", "nonce");
    assertThat(URLDecoder.decode(query.get("redirect_uri"), StandardCharsets.UTF_8))
        .isEqualTo(base() + "/login/oauth2/code/bank");
    assertThat(URLDecoder.decode(query.get("scope"), StandardCharsets.UTF_8))
        .isEqualTo("openid profile");
  }

  @Test
  void aCallbackWithoutTheStateArkivIssuedIsRefused() {
    UiSession.Page answer =
        new UiSession(base()).get("/login/oauth2/code/bank?code=stolen&state=guessed");

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.location()).endsWith("/login?error");
  }

  private String base() {
    return "http://localhost:" + arkiv.port();
  }
}
