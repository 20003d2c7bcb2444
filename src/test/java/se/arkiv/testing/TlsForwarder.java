package se.arkiv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS with client certificates in front of a plain HTTP server (a real OpenSearch node, whose
 * launcher here has no security plugin): it requires a client certificate the given trust store
 * trusts, and forwards the bytes both ways. Certificates come from {@link #certificates}, made with
 * the JDK's own {@code keytool}.
 */
public final class TlsForwarder implements AutoCloseable {

  public static final String PASSWORD = "test-only-secret";

  /** Key and trust stores (PKCS12) of a server and a client that trust each other, only. */
  public record Certificates(
      Path serverKeys, Path serverTrust, Path clientKeys, Path clientTrust) {}

  private final SSLServerSocket server;
  private final URI target;
  private final List<String> clients = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private TlsForwarder(SSLServerSocket server, URI target) {
    this.server = server;
    this.target = target;
    this.acceptor = new Thread(this::accept, "tls-forwarder");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Self-signed certificates for 127.0.0.1 (server) and {@code CN=arkiv-node} (client). */
  public static Certificates certificates(Path dir) throws Exception {
    Certificates made =
        new Certificates(
            dir.resolve("server.p12"),
            dir.resolve("server-trust.p12"),
            dir.resolve("client.p12"),
            dir.resolve("client-trust.p12"));
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-dname",
        "CN=opensearch-test",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        made.serverKeys().toString());
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "EC",
        "-dname",
        "CN=arkiv-node",
        "-validity",
        "2",
        "-keystore",
        made.clientKeys().toString());
    Path serverCert = dir.resolve("server.crt");
    Path clientCert = dir.resolve("client.crt");
    keytool(
        "-exportcert",
        "-alias",
        "server",
        "-rfc",
        "-file",
        serverCert.toString(),
        "-keystore",
        made.serverKeys().toString());
    keytool(
        "-exportcert",
        "-alias",
        "client",
        "-rfc",
        "-file",
        clientCert.toString(),
        "-keystore",
        made.clientKeys().toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        serverCert.toString(),
        "-keystore",
        made.clientTrust().toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "client",
        "-file",
        clientCert.toString(),
        "-keystore",
        made.serverTrust().toString());
    return made;
  }

  /** Listens on a free loopback port, forwarding to {@code target} (an {@code http://} URL). */
  public static TlsForwarder start(Certificates certificates, URI target) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(certificates.serverKeys()), PASSWORD.toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load(certificates.serverTrust()));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    SSLServerSocket server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    return new TlsForwarder(server, target);
  }

  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getLocalPort());
  }

  /** The subjects of the client certificates of every connection that completed its handshake. */
  public List<String> clients() {
    return List.copyOf(clients);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        SSLSocket client = (SSLSocket) server.accept();
        daemon(() -> forward(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void forward(SSLSocket client) {
    try (client;
        Socket upstream = new Socket(target.getHost(), target.getPort())) {
      client.startHandshake(); // refuses a client without a trusted certificate
      clients.add(
          ((X509Certificate) client.getSession().getPeerCertificates()[0])
              .getSubjectX500Principal()
              .getName());
      Thread back = daemon(() -> pump(upstream, client));
      pump(client, upstream);
      back.join(TimeUnit.SECONDS.toMillis(5));
    } catch (IOException | InterruptedException refused) {
      // a refused handshake or a closed connection: the client sees it
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
    } catch (IOException ignored) {
      // one side closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  private static Thread daemon(Runnable work) {
    Thread thread = new Thread(work, "tls-forwarder-connection");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static void keytool(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    if (args[0].equals("-genkeypair")) {
      command.addAll(List.of("-keypass", PASSWORD));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
