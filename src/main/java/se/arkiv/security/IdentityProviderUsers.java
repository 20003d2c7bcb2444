package se.arkiv.security;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The UI's login through the bank's identity provider (OIDC authorization code): the signed-in user
 * gets the name, the Arkiv roles and the departments from the same claims as a bearer token ({@code
 * arkiv.security.jwt.*}), so a person has the same rights in the browser and the API.
 */
@Component
public class IdentityProviderUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final TokenAuthentication claims;
  private final OidcUserService provider = new OidcUserService();

  IdentityProviderUsers(TokenAuthentication claims) {
    this.claims = claims;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    return withArkivRoles(provider.loadUser(request));
  }

  /** The provider's user with Arkiv's authorities, named by the user name claim if it has one. */
  OidcUser withArkivRoles(OidcUser user) {
    String nameClaim =
        user.getClaims().containsKey(claims.usernameClaim()) ? claims.usernameClaim() : "sub";
    return new DefaultOidcUser(
        claims.authorities(user.getClaims()), user.getIdToken(), user.getUserInfo(), nameClaim);
  }
}
