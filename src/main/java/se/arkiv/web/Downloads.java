package se.arkiv.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * How a stored file leaves as a download, for the API and the screens alike: its type and length,
 * its name in a {@code Content-Disposition} that carries any Unicode name (RFC 6266 and 5987), and
 * a sandboxing Content-Security-Policy, so that a browser that opens a filed HTML page or SVG
 * anyway runs nothing in it. A record's original adds ranges and inline display to this ({@link
 * RecordContentController#content}).
 */
final class Downloads {

  /** Nothing in the file may run or load anything. */
  static final String INERT = "sandbox; default-src 'none'";

  private Downloads() {}

  /** A {@code Content-Disposition} value: shown in the browser or saved, under this name. */
  static String disposition(boolean inline, String fileName) {
    return (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
        .filename(fileName, StandardCharsets.UTF_8)
        .build()
        .toString();
  }

  /** Sends {@code content} whole as a file to save, and closes it. */
  static void send(
      HttpServletResponse response,
      String fileName,
      String mediaType,
      long size,
      InputStream content)
      throws IOException {
    try (InputStream in = content) {
      response.setContentType(mediaType);
      response.setContentLengthLong(size);
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(false, fileName));
      response.setHeader("Content-Security-Policy", INERT);
      try (OutputStream out = response.getOutputStream()) {
        in.transferTo(out);
      }
    }
  }
}
