package se.arkiv.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Maps a verified JWT to an Arkiv user: the name, the roles (only Arkiv's four; others grant
 * nothing) and the departments come from the configured claims.
 */
@Component
public class TokenAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

  private final TokenClaims claims;

  TokenAuthentication(TokenClaims claims) {
    this.claims = claims;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    return new JwtAuthenticationToken(
        jwt, authorities(jwt.getClaims()), username(jwt.getClaims(), jwt.getSubject()));
  }

  /**
   * Arkiv's roles named in the roles claim, as authorities; roles Arkiv does not know grant
   * nothing.
   */
  List<GrantedAuthority> authorities(Map<String, Object> claims) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String role : strings(claims, this.claims.rolesClaim())) {
      try {
        authorities.add(
            new SimpleGrantedAuthority("ROLE_" + Role.valueOf(role.toUpperCase(Locale.ROOT))));
      } catch (IllegalArgumentException ignored) {
        // a role of the identity provider that Arkiv does not know grants nothing here
      }
    }
    return authorities;
  }

  /** The user name claim, or the subject when the token has none. */
  String username(Map<String, Object> claims, String subject) {
    Object username = claims.get(this.claims.usernameClaim());
    return username == null ? subject : username.toString();
  }

  /** The claim that names the user, for an OIDC login's principal. */
  String usernameClaim() {
    return claims.usernameClaim();
  }

  List<String> departments(Jwt jwt) {
    return departments(jwt.getClaims());
  }

  List<String> departments(Map<String, Object> claims) {
    return strings(claims, this.claims.departmentsClaim()).stream()
        .map(d -> d.strip().toUpperCase(Locale.ROOT))
        .toList();
  }

  /** A claim that is a list, or a space-separated string (as OAuth scopes are). */
  private static List<String> strings(Map<String, Object> claims, String claim) {
    Object value = claims.get(claim);
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text && !text.isBlank()) {
      return List.of(text.strip().split("\\s+"));
    }
    return List.of();
  }
}
