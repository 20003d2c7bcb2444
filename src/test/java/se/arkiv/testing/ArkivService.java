package se.arkiv.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service for a test class: started before the class's first test (and before its own
 * {@code @BeforeAll} methods), stopped after its last.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ArkivService arkiv = ArkivService.with(Map.of(...), InProcessExtractionSource.class);
 * </pre>
 *
 * <p>{@link #shared} gives every class that asks with the same sources the one service of the test
 * run, stopped when the run ends: for classes that only read what the service describes of itself
 * (its API, its endpoints' rules), so that what one class files cannot change what another sees.
 */
public final class ArkivService implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ArkivService.class);

  private final Map<String, Object> properties;
  private final Class<?>[] sources;
  private final boolean shared;
  private RunningArkiv running;

  private ArkivService(Map<String, Object> properties, Class<?>[] sources, boolean shared) {
    this.properties = properties;
    this.sources = sources;
    this.shared = shared;
  }

  /** A service of the class's own, with these properties and replacement beans. */
  public static ArkivService with(Map<String, Object> properties, Class<?>... sources) {
    return new ArkivService(properties, sources, false);
  }

  /** The run's one service with the default settings and these replacement beans. */
  public static ArkivService shared(Class<?>... sources) {
    return new ArkivService(Map.of(), sources, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!shared) {
      running = RunningArkiv.start(properties, sources);
      return;
    }
    List<String> key = Arrays.stream(sources).map(Class::getName).toList();
    running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(key, k -> started(), RunningArkiv.class);
  }

  private RunningArkiv started() {
    try {
      return RunningArkiv.start(properties, sources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (!shared && running != null) {
      running.close();
    }
    running = null;
  }

  /** The service, once started. */
  public RunningArkiv running() {
    if (running == null) {
      throw new IllegalStateException("the service starts before the class's first test");
    }
    return running;
  }

  public ArkivClient client() {
    return running().client();
  }

  public int port() {
    return running().port();
  }

  public ConfigurableApplicationContext context() {
    return running().context();
  }

  public Path root() {
    return running().root();
  }

  public Path objectsDir() {
    return running().objectsDir();
  }
}
