package se.arkiv.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.arkiv.ArkivApplication;

/**
 * The whole service, started on a random port over temporary folders, as a newcomer would run it.
 * Tests drive it over HTTP; {@link #restart} stops it and starts it again on the same data.
 */
public final class RunningArkiv implements AutoCloseable {

  /** Test users: one per role, with the password equal to the user name. */
  public static final String CLERK = "clara";

  public static final String AUDITOR = "aud";
  public static final String MANAGER = "maja";
  public static final String SECOND_MANAGER = "mats";
  public static final String ADMIN = "adam";

  private final Path root;
  private Map<String, Object> extra;
  private final Class<?>[] sources;
  private ConfigurableApplicationContext context;

  /** A user beyond the four standard ones; the password equals the user name. */
  public record ExtraUser(String name, String role, String department) {}

  private RunningArkiv(Path root, Map<String, Object> extra, Class<?>[] sources) {
    this.root = root;
    this.extra = extra;
    this.sources = sources;
  }

  public static RunningArkiv start(Map<String, Object> properties) throws IOException {
    return start(properties, new Class<?>[0]);
  }

  public static RunningArkiv start(Map<String, Object> properties, ExtraUser... users)
      throws IOException {
    Path root = Files.createTempDirectory("arkiv-it-");
    writeUsers(root.resolve("users.yaml"), users);
    RunningArkiv arkiv = new RunningArkiv(root, properties, new Class<?>[0]);
    arkiv.boot();
    return arkiv;
  }

  /**
   * Starts with extra bean sources that replace the service's own beans of the same name, such as
   * {@link MovableClockSource}.
   */
  public static RunningArkiv start(Map<String, Object> properties, Class<?>... replacements)
      throws IOException {
    Path root = Files.createTempDirectory("arkiv-it-");
    writeUsers(root.resolve("users.yaml"));
    RunningArkiv arkiv = new RunningArkiv(root, properties, replacements);
    arkiv.boot();
    return arkiv;
  }

  /** A fresh folder with the standard users, for {@link #spawn} and {@link #startAt}. */
  public static Path newRoot() throws IOException {
    Path root = Files.createTempDirectory("arkiv-it-");
    writeUsers(root.resolve("users.yaml"));
    return root;
  }

  /** Starts in this JVM on an existing folder, e.g. one a killed process left behind. */
  public static RunningArkiv startAt(
      Path root, Map<String, Object> properties, Class<?>... replacements) {
    RunningArkiv arkiv = new RunningArkiv(root, properties, replacements);
    arkiv.boot();
    return arkiv;
  }

  /**
   * Starts the service as a separate process on the same classpath, so a test can kill it without
   * mercy (SIGKILL) and look at what it left.
   */
  public static Process spawn(Path root, int port) throws IOException {
    return spawn(root, port, Map.of());
  }

  /** {@link #spawn(Path, int)} with some properties of its own. */
  public static Process spawn(Path root, int port, Map<String, Object> extra) throws IOException {
    return spawn(root, port, "512m", extra);
  }

  /** {@link #spawn(Path, int)} with a heap ({@code -Xmx}) and some properties of its own. */
  static Process spawn(Path root, int port, String heap, Map<String, Object> extra)
      throws IOException {
    Map<String, Object> given = new LinkedHashMap<>(extra);
    given.put("server.port", port);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ArkivApplication.class.getName());
    for (Map.Entry<String, Object> e : properties(root, given).entrySet()) {
      command.add("--" + e.getKey() + "=" + e.getValue());
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(root.resolve("process.log").toFile())
        .start();
  }

  private static Map<String, Object> properties(Path root, Map<String, Object> extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.put("arkiv.data-dir", root.resolve("data").toString());
    properties.put("arkiv.index.dir", root.resolve("index").toString());
    properties.put("arkiv.security.users-file", root.resolve("users.yaml").toString());
    properties.put("arkiv.index.refresh-interval", "200ms");
    properties.put("arkiv.index.catch-up-initial-delay", "0s");
    properties.put("arkiv.extraction.sweep-initial-delay", "0s");
    // A test's children live seconds to minutes: C2 would compile code that never runs again.
    properties.put("arkiv.extraction.child-jvm-options", "-XX:TieredStopAtLevel=1");
    properties.putAll(extra);
    return properties;
  }

  private void boot() {
    Map<String, Object> properties = properties(root, extra);
    if (sources.length > 0) {
      properties.put("spring.main.allow-bean-definition-overriding", "true");
    }
    // Command-line arguments outrank application.yaml, as they do for ./scripts/run.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    Class<?>[] all = new Class<?>[sources.length + 1];
    all[0] = ArkivApplication.class;
    System.arraycopy(sources, 0, all, 1, sources.length);
    context = new SpringApplicationBuilder(all).run(args);
  }

  /** The running application context, for tests that inspect what the service exposes. */
  public ConfigurableApplicationContext context() {
    return context;
  }

  public ArkivClient client() {
    return new ArkivClient("http://localhost:" + port());
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public Path root() {
    return root;
  }

  public Path indexDir() {
    return root.resolve("index");
  }

  public Path objectsDir() {
    return root.resolve("data").resolve("objects");
  }

  public void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  public void restart() {
    stop();
    boot();
  }

  /** Restarts on the same folders with some properties changed from here on. */
  public void restart(Map<String, Object> overrides) {
    Map<String, Object> changed = new LinkedHashMap<>(extra);
    changed.putAll(overrides);
    extra = changed;
    restart();
  }

  @Override
  public void close() throws IOException {
    stop();
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void writeUsers(Path file, ExtraUser... extra) throws IOException {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    StringBuilder yaml = new StringBuilder("users:\n");
    user(yaml, bcrypt, CLERK, "CLERK");
    user(yaml, bcrypt, AUDITOR, "AUDITOR");
    user(yaml, bcrypt, MANAGER, "RECORDS_MANAGER");
    user(yaml, bcrypt, SECOND_MANAGER, "RECORDS_MANAGER");
    for (ExtraUser user : extra) {
      yaml.append("  - username: ")
          .append(user.name())
          .append("\n    password: \"{bcrypt}")
          .append(bcrypt.encode(user.name()))
          .append("\"\n    roles: [")
          .append(user.role())
          .append("]\n    departments: [")
          .append(user.department())
          .append("]\n");
    }
    user(yaml, bcrypt, ADMIN, "ADMIN");
    Files.writeString(file, yaml);
  }

  private static void user(
      StringBuilder yaml, BCryptPasswordEncoder bcrypt, String name, String role) {
    yaml.append("  - username: ")
        .append(name)
        .append("\n    password: \"{bcrypt}")
        .append(bcrypt.encode(name))
        .append("\"\n    roles: [")
        .append(role)
        .append("]\n    departments: [ACCOUNTING, PAYROLL]\n");
  }
}
