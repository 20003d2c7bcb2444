package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall rejects (an encoded slash or dot segment, a semicolon, a
 * double slash) go to the error page with the reason, so the client gets a problem detail saying
 * what was wrong rather than a bare 400. Spring Security picks this bean up by its type.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    request.setAttribute(ErrorEndpoint.CAUSE, rejected);
    response.sendError(HttpServletResponse.SC_BAD_REQUEST);
  }
}
