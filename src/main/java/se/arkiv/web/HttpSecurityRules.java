package se.arkiv.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import se.arkiv.security.LoginThrottle;
import se.arkiv.security.TokenAuthentication;

/**
 * Every endpoint has an explicit rule, and anything not listed is denied. The API is stateless HTTP
 * Basic, so there is no session and no CSRF token to carry. It answers 401 and 403 as problem
 * details, never a redirect to the UI's login page: the UI has a chain of its own ({@link
 * UiSecurityRules}) for every path this one does not claim.
 */
@Configuration(proxyBeanMethods = false)
class HttpSecurityRules {

  private static final String CLERK = "CLERK";
  private static final String AUDITOR = "AUDITOR";
  private static final String MANAGER = "RECORDS_MANAGER";
  private static final String ADMIN = "ADMIN";

  /** The paths of the API chain; everything else is the UI's. */
  static final String[] API_PATHS = {
    "/api/**",
    "/actuator",
    "/actuator/**",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**"
  };

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http,
      ProblemWriter problems,
      AuditRecorder audit,
      LoginThrottle throttle,
      ObjectProvider<JwtDecoder> jwtDecoder,
      TokenAuthentication tokens,
      ApiAccessDenied denied)
      throws Exception {
    AuthenticationEntryPoint loginRequired =
        (request, response, e) -> {
          response.setHeader("WWW-Authenticate", "Basic realm=\"Arkiv\"");
          problems.write(
              response,
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.UNAUTHORIZED,
                  "Log in with HTTP Basic (a user of the users file) or a bearer token"),
              "Authentication required");
        };
    if (jwtDecoder.getIfAvailable() != null) {
      // Bearer tokens of the bank's identity provider, beside the users file.
      http.oauth2ResourceServer(
          server ->
              server
                  .authenticationEntryPoint(loginRequired)
                  .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)));
    }
    http.securityMatcher(API_PATHS)
        .authorizeHttpRequests(
            rules ->
                rules
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/file-plan",
                        "/api/file-plan/versions",
                        "/api/file-plan/versions/*")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER, ADMIN)
                    .requestMatchers(
                        HttpMethod.POST, "/api/file-plan/changes", "/api/file-plan/decisions")
                    .hasRole(MANAGER)
                    .requestMatchers(HttpMethod.POST, "/api/records")
                    .hasAnyRole(CLERK, MANAGER)
                    .requestMatchers(HttpMethod.GET, "/api/records/*", "/api/records/*/content")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/records/*/text",
                        "/api/records/*/preview",
                        "/api/records/*/archival",
                        "/api/records/*/attachments/*")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.PATCH, "/api/records/*")
                    .hasAnyRole(CLERK, MANAGER)
                    // Nobody may delete or rewrite a record; these answer with the reason why,
                    // which tells of the record (held, retained until, its tombstone): not to an
                    // administrator, who reads no record.
                    .requestMatchers(HttpMethod.DELETE, "/api/records/*")
                    .hasAnyRole(CLERK, MANAGER)
                    .requestMatchers(HttpMethod.PUT, "/api/records/*/content")
                    .hasAnyRole(CLERK, MANAGER)
                    .requestMatchers(HttpMethod.GET, "/api/search")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    .requestMatchers(
                        HttpMethod.GET, "/api/audit", "/api/audit/verify", "/api/records/*/history")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/retention/**",
                        "/api/holds",
                        "/api/holds/**",
                        "/api/disposition/**")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/retention/events",
                        "/api/retention/events/*/retract",
                        "/api/holds",
                        "/api/holds/*/release",
                        "/api/disposition/runs",
                        "/api/disposition/runs/*/approve",
                        "/api/disposition/runs/*/execute")
                    .hasRole(MANAGER)
                    .requestMatchers(HttpMethod.GET, "/api/fixity/runs", "/api/fixity/runs/*")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/api/fixity/runs")
                    .hasRole(MANAGER)
                    .requestMatchers(
                        HttpMethod.GET, "/api/imports", "/api/imports/*", "/api/imports/*/report")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/api/imports", "/api/imports/*/resume")
                    .hasRole(MANAGER)
                    .requestMatchers(HttpMethod.GET, "/api/records/*/class-suggestion")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/api/class-suggestions")
                    .hasAnyRole(CLERK, MANAGER)
                    // Saved searches are their owner's, for everyone who searches.
                    .requestMatchers("/api/saved-searches", "/api/saved-searches/**")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    // A data subject's requests name a person: records managers answer them.
                    .requestMatchers(
                        HttpMethod.POST, "/api/subject-access", "/api/erasure-requests")
                    .hasRole(MANAGER)
                    .requestMatchers(
                        HttpMethod.GET, "/api/erasure-requests", "/api/erasure-requests/*")
                    .hasRole(MANAGER)
                    // Evidence leaves the archive: auditors and records managers only.
                    .requestMatchers(
                        HttpMethod.GET, "/api/exports", "/api/exports/*", "/api/exports/*/content")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/api/exports")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .httpBasic(basic -> basic.realmName("Arkiv").authenticationEntryPoint(loginRequired))
        .exceptionHandling(handling -> handling.accessDeniedHandler(denied))
        .addFilterBefore(
            LoginThrottleFilter.forBasic(throttle, problems, audit),
            BasicAuthenticationFilter.class)
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; style-src 'self' 'unsafe-inline';"
                                    + " img-src 'self' data:; object-src 'none';"
                                    + " frame-ancestors 'none'; base-uri 'none'"))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }
}
