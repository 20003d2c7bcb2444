package se.arkiv.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.security.jwt.*}: which claims of the bank's identity provider's tokens carry the
 * user name, the Arkiv roles and the departments. Tokens are accepted only when a key or issuer is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.public-key-location} or {@code
 * .issuer-uri}).
 */
@ConfigurationProperties("arkiv.security.jwt")
public record TokenClaims(
    @DefaultValue("preferred_username") String usernameClaim,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("departments") String departmentsClaim) {}
