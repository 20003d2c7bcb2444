package se.arkiv.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket: the request goes out byte for byte as written (no client to
 * normalise a URL or refuse a header), and from a chosen local address. Linux routes all of
 * 127.0.0.0/8 to the loopback, so 127.0.0.2 and 127.0.0.3 are other clients of the same service.
 */
public final class RawHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String from;
  private final int port;

  public RawHttp(String from, int port) {
    this.from = from;
    this.port = port;
  }

  public record Answer(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the request line and headers as given (CRLF added), then the body. */
  public Answer send(String requestLine, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder(requestLine).append("\r\n");
    head.append("Host: localhost\r\nConnection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body.length > 0 && !headers.containsKey("Content-Length")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
      } catch (IOException refusedMidway) {
        // The server may answer and close before it has read the whole body (413).
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Answer get(String target, Map<String, String> headers) {
    return send("GET " + target + " HTTP/1.1", headers, new byte[0]);
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (IOException reset) {
      // A server that closes after its answer may reset the rest: what was read is the answer.
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      // Sizes count bytes; the bodies here are ASCII JSON, where bytes and chars agree.
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
