package se.arkiv.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String role : strings(jwt, claims.rolesClaim())) {
      try {
        authorities.add(
            new SimpleGrantedAuthority("ROLE_" + Role.valueOf(role.toUpperCase(Locale.ROOT))));
      } catch (IllegalArgumentException ignored) {
        // a role of the identity provider that Arkiv does not know grants nothing here
      }
    }
    String username = jwt.getClaimAsString(claims.usernameClaim());
    return new JwtAuthenticationToken(
        jwt, authorities, username == null ? jwt.getSubject() : username);
  }

  List<String> departments(Jwt jwt) {
    return strings(jwt, claims.departmentsClaim()).stream()
        .map(d -> d.strip().toUpperCase(Locale.ROOT))
        .toList();
  }

  /** A claim that is a list, or a space-separated string (as OAuth scopes are). */
  private static List<String> strings(Jwt jwt, String claim) {
    Object value = jwt.getClaims().get(claim);
    if (value instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text && !text.isBlank()) {
      return List.of(text.strip().split("\\s+"));
    }
    return List.of();
  }
}
