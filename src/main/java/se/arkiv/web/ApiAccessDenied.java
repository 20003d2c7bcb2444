package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * A logged-in caller the API's rules refuse: 403 as a problem detail, audited. Except when the
 * address exists and only the method is wrong: the deny-by-default rule refused it only because no
 * rule names that method, and the honest answer is 405 with Allow, as MVC would give.
 */
@Component
class ApiAccessDenied implements AccessDeniedHandler {

  private final ProblemWriter problems;
  private final AuditRecorder audit;
  private final BeanFactory beans;

  ApiAccessDenied(ProblemWriter problems, AuditRecorder audit, BeanFactory beans) {
    this.problems = problems;
    this.audit = audit;
    this.beans = beans;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    audit.deniedByRole(request);
    HttpRequestMethodNotSupportedException wrongMethod = wrongMethod(request);
    if (wrongMethod != null && wrongMethod.getSupportedHttpMethods() != null) {
      response.setHeader(
          HttpHeaders.ALLOW,
          StringUtils.collectionToCommaDelimitedString(
              wrongMethod.getSupportedHttpMethods().stream().map(HttpMethod::name).toList()));
      problems.write(
          response,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.METHOD_NOT_ALLOWED,
              "Method '" + request.getMethod() + "' is not supported here"),
          "Method Not Allowed");
      return;
    }
    problems.write(
        response,
        ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role may not do this"),
        "Forbidden");
  }

  private HttpRequestMethodNotSupportedException wrongMethod(HttpServletRequest request) {
    RequestMappingHandlerMapping mapping =
        beans.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    try {
      ServletRequestPathUtils.parseAndCache(request);
      mapping.getHandler(request);
      return null;
    } catch (HttpRequestMethodNotSupportedException e) {
      return e;
    } catch (Exception e) {
      return null;
    } finally {
      if (parsed == null) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
  }
}
