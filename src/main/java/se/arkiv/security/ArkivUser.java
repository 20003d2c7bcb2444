package se.arkiv.security;

import java.util.List;
import java.util.Set;

/** One entry of the users file; the password is a hash with its encoder prefix. */
public record ArkivUser(
    String username, String password, Set<Role> roles, List<String> departments) {}
