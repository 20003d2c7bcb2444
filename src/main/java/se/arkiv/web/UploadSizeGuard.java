package se.arkiv.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload whose declared length is over the limit before a byte of it is read, so a 10 GB
 * mistake costs nothing. Uploads without a length are stopped by the multipart limits.
 */
@Component
class UploadSizeGuard extends OncePerRequestFilter {

  private final UploadSettings settings;
  private final ProblemWriter problems;

  UploadSizeGuard(UploadSettings settings, ProblemWriter problems) {
    this.settings = settings;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if ("POST".equals(request.getMethod()) && length > settings.maxRequestBytes()) {
      response.setHeader("Connection", "close");
      problems.write(
          response,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE,
              "The upload is "
                  + length
                  + " bytes; the limit is "
                  + settings.maxSize().toBytes()
                  + " bytes per file"),
          "Upload too large");
      return;
    }
    chain.doFilter(request, response);
  }
}
