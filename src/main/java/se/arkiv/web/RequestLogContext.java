package se.arkiv.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The log context of a request: {@code requestId} on every line from the first filter on (taken
 * from a caller's {@code X-Request-Id} when it is a plain token, made otherwise, and answered in
 * the same header), then {@code user} and {@code recordId} once security has said who asks. With
 * structured logging ({@code logging.structured.format.console=ecs}) they are fields of each JSON
 * line. Only ids go in: no file name, title or text.
 */
@Configuration(proxyBeanMethods = false)
class RequestLogContext {

  static final String HEADER = "X-Request-Id";
  private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern RECORD_PATH =
      Pattern.compile(
          "/(?:api/)?records/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  @Bean
  FilterRegistrationBean<RequestId> requestIdFilter() {
    FilterRegistrationBean<RequestId> registration = new FilterRegistrationBean<>(new RequestId());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestUser> requestUserFilter() {
    FilterRegistrationBean<RequestUser> registration =
        new FilterRegistrationBean<>(new RequestUser());
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  static final class RequestId extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String given = request.getHeader(HEADER);
      String id =
          given != null && CALLER_ID.matcher(given).matches()
              ? given
              : UUID.randomUUID().toString();
      response.setHeader(HEADER, id);
      MDC.put("requestId", id);
      try {
        chain.doFilter(request, response);
      } finally {
        MDC.remove("requestId");
      }
    }
  }

  static final class RequestUser extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication who = SecurityContextHolder.getContext().getAuthentication();
      if (who != null && who.isAuthenticated() && !"anonymousUser".equals(who.getName())) {
        MDC.put("user", who.getName());
      }
      Matcher record = RECORD_PATH.matcher(request.getRequestURI());
      if (record.lookingAt()) {
        MDC.put("recordId", record.group(1));
      }
      try {
        chain.doFilter(request, response);
      } finally {
        MDC.remove("user");
        MDC.remove("recordId");
      }
    }
  }
}
