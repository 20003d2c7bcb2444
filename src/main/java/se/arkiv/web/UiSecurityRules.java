package se.arkiv.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import se.arkiv.security.IdentityProviderUsers;
import se.arkiv.security.LoginThrottle;

/**
 * The UI's chain: form login with a session cookie and CSRF tokens, for every path the API chain
 * does not claim. Each screen has an explicit rule (the same roles as the API behind it), and
 * anything not listed is denied. The same users, department scopes and login throttle as the API.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityRules {

  private static final String CLERK = "CLERK";
  private static final String AUDITOR = "AUDITOR";
  private static final String MANAGER = "RECORDS_MANAGER";
  private static final String ADMIN = "ADMIN";

  /** Where a user goes whose session ended or whose form is older than their session. */
  private static final String EXPIRED = "/login?expired";

  private static final RequestMatcher HTMX = new RequestHeaderRequestMatcher("HX-Request");

  private static final AuthenticationEntryPoint LOGIN =
      new LoginUrlAuthenticationEntryPoint("/login");

  /**
   * No inline script at all, and styles only from our own stylesheet: a filed document's text that
   * slipped through escaping still could not run.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none';"
          + " form-action 'self'";

  @Bean
  @Order(2)
  SecurityFilterChain ui(
      HttpSecurity http,
      LoginThrottle throttle,
      AuditRecorder audit,
      ObjectProvider<ClientRegistrationRepository> identityProviders,
      IdentityProviderUsers providerUsers)
      throws Exception {
    if (identityProviders.getIfAvailable() != null) {
      // The bank's identity provider (spring.security.oauth2.client.registration.*), beside the
      // users file: the same login page offers both.
      http.oauth2Login(
          login ->
              login
                  .loginPage("/login")
                  .defaultSuccessUrl("/", false)
                  .userInfoEndpoint(info -> info.oidcUserService(providerUsers)));
    }
    http.authorizeHttpRequests(
            rules ->
                rules
                    .requestMatchers("/login", "/error", "/ui/**", "/webjars/**", "/favicon.ico")
                    .permitAll()
                    .requestMatchers("/oauth2/authorization/*", "/login/oauth2/code/*")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/")
                    .authenticated()
                    .requestMatchers(HttpMethod.GET, "/file-plan")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/search", "/search.csv")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.GET, "/records/*", "/records/*/*", "/records/*/*/*")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/records/*/correct", "/records/*/ocr-review")
                    .hasAnyRole(CLERK, MANAGER)
                    .requestMatchers(HttpMethod.GET, "/file", "/file/**")
                    .hasAnyRole(CLERK, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/file")
                    .hasAnyRole(CLERK, MANAGER)
                    .requestMatchers(HttpMethod.POST, "/views", "/views/*/delete", "/views/*/seen")
                    .hasAnyRole(CLERK, AUDITOR, MANAGER)
                    // The confirmation of a hold is the first step of placing one.
                    .requestMatchers(HttpMethod.GET, "/holds/new")
                    .hasRole(MANAGER)
                    .requestMatchers(
                        HttpMethod.GET,
                        "/retention/**",
                        "/holds",
                        "/holds/**",
                        "/disposition",
                        "/disposition/**",
                        "/audit",
                        "/audit/**")
                    .hasAnyRole(AUDITOR, MANAGER)
                    .requestMatchers(
                        HttpMethod.POST, "/retention/**", "/holds", "/holds/**", "/disposition/**")
                    .hasRole(MANAGER)
                    .requestMatchers("/bulk/**")
                    .hasRole(MANAGER)
                    .anyRequest()
                    .denyAll())
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .sessionManagement(
            session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
        .requestCache(cache -> cache.requestCache(pagesOnly()))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(UiSecurityRules::loginFirst)
                    .accessDeniedHandler(
                        (request, response, e) -> {
                          if (e instanceof CsrfException) {
                            // An old form (its session ended, or the page is from before a
                            // restart), not a role's limit: no role denial on the trail.
                            staleForm(request, response);
                            return;
                          }
                          audit.deniedByRole(request);
                          response.sendError(HttpServletResponse.SC_FORBIDDEN);
                        }))
        .addFilterBefore(
            LoginThrottleFilter.forForm(throttle, audit),
            UsernamePasswordAuthenticationFilter.class)
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frame -> frame.sameOrigin())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  /**
   * A request without a session goes to the login page; an htmx request sends its whole page there
   * (htmx follows {@code HX-Redirect}), where a redirect put the login page inside the fragment.
   */
  private static void loginFirst(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    if (HTMX.matches(request)) {
      response.setHeader("HX-Redirect", EXPIRED);
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    } else {
      LOGIN.commence(request, response, e);
    }
  }

  private static void staleForm(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (HTMX.matches(request)) {
      response.setHeader("HX-Redirect", EXPIRED);
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    } else {
      response.sendRedirect(EXPIRED);
    }
  }

  /**
   * After login the user goes back to the page they asked for, never to a fragment an htmx request
   * or a script asked for on their behalf (a bare hold count or text panel without the layout).
   */
  private static RequestCache pagesOnly() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(
        new AndRequestMatcher(
            request -> HttpMethod.GET.matches(request.getMethod()),
            new NegatedRequestMatcher(HTMX),
            new NegatedRequestMatcher(
                new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest"))));
    return cache;
  }
}
