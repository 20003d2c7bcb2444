package se.arkiv.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's connector answers a request line it cannot read (one over the header limit, such as a
 * query string too long) with a bare 400: it hands the request to its adapter already marked with
 * the status, and no valve runs for it. Here such a request gets a problem detail as its body, so
 * these clients too read what went wrong. Everything else is passed to Tomcat's own adapter.
 */
final class UnparsedRequestProblems implements Adapter {

  private final Adapter tomcat;

  UnparsedRequestProblems(Adapter tomcat) {
    this.tomcat = tomcat;
  }

  @Override
  public void log(Request request, Response response, long time) {
    tomcat.log(request, response, time);
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    // The connector marks a request it could not parse with its status before it hands it on.
    if (response.getStatus() >= 400 && !response.isCommitted()) {
      byte[] body =
          ProblemReportValve.problem(
                  response.getStatus(),
                  HttpStatus.valueOf(response.getStatus()).getReasonPhrase(),
                  "The request line or headers are over the limit, or malformed; nothing was"
                      + " processed")
              .getBytes(StandardCharsets.UTF_8);
      response.setContentType("application/problem+json");
      response.setContentLength(body.length);
      response.doWrite(ByteBuffer.wrap(body));
      return;
    }
    tomcat.service(request, response);
  }

  @Override
  public boolean prepare(Request request, Response response) throws Exception {
    return tomcat.prepare(request, response);
  }

  @Override
  public boolean asyncDispatch(Request request, Response response, SocketEvent status)
      throws Exception {
    return tomcat.asyncDispatch(request, response, status);
  }

  @Override
  public void checkRecycled(Request request, Response response) {
    tomcat.checkRecycled(request, response);
  }

  @Override
  public String getDomain() {
    return tomcat.getDomain();
  }
}
