package se.arkiv.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Turns an authenticated principal (users file or token) into an {@link Actor}. */
@Component
public class Actors {

  private final ArkivUsers users;
  private final TokenAuthentication tokens;

  Actors(ArkivUsers users, TokenAuthentication tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  public Actor of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return new Actor("anonymous", Set.of(), List.of());
    }
    Set<Role> roles = rolesOf(authentication.getAuthorities());
    List<String> departments = new ArrayList<>();
    if (authentication instanceof JwtAuthenticationToken token) {
      departments.addAll(tokens.departments(token.getToken()));
    } else if (authentication.getPrincipal() instanceof OidcUser user) {
      departments.addAll(tokens.departments(user.getClaims()));
    } else {
      users
          .find(authentication.getName())
          .ifPresent(user -> departments.addAll(user.departments()));
    }
    return new Actor(authentication.getName(), roles, departments);
  }

  private static Set<Role> rolesOf(Collection<? extends GrantedAuthority> authorities) {
    Set<Role> roles = new HashSet<>();
    for (GrantedAuthority authority : authorities) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith("ROLE_")) {
        try {
          roles.add(Role.valueOf(name.substring(5).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException ignored) {
          // an authority Arkiv does not know grants nothing
        }
      }
    }
    return roles;
  }
}
