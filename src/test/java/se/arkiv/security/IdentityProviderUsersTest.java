package se.arkiv.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

class IdentityProviderUsersTest {

  private final TokenAuthentication claims =
      new TokenAuthentication(new TokenClaims("preferred_username", "roles", "departments"));
  private final IdentityProviderUsers users = new IdentityProviderUsers(claims);

  @Test
  void aUserOfTheIdentityProviderGetsArkivsRolesAndDepartmentsFromItsClaims() {
    OidcUser fromProvider =
        new DefaultOidcUser(
            List.of(),
            new OidcIdToken(
                "token",
                Instant.now(),
                Instant.now().plusSeconds(60),
                Map.of(
                    "sub", "0f2c-77",
                    "preferred_username", "eva.clerk",
                    "roles", List.of("clerk", "SUPERUSER"),
                    "departments", "payroll hr")),
            "sub");

    OidcUser user = users.withArkivRoles(fromProvider);

    assertThat(user.getName()).isEqualTo("eva.clerk");
    assertThat(user.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_CLERK");
    Actor actor =
        new Actors(null, claims)
            .of(new OAuth2AuthenticationToken(user, user.getAuthorities(), "bank"));
    assertThat(actor.username()).isEqualTo("eva.clerk");
    assertThat(actor.roles()).containsExactly(Role.CLERK);
    assertThat(actor.departments()).containsExactly("PAYROLL", "HR");
  }

  @Test
  void withoutAUserNameClaimTheSubjectNamesTheUser() {
    OidcUser fromProvider =
        new DefaultOidcUser(
            List.of(),
            new OidcIdToken(
                "token", Instant.now(), Instant.now().plusSeconds(60), Map.of("sub", "0f2c-77")),
            "sub");

    OidcUser user = users.withArkivRoles(fromProvider);

    assertThat(user.getName()).isEqualTo("0f2c-77");
    assertThat(user.getAuthorities()).isEmpty();
  }
}
