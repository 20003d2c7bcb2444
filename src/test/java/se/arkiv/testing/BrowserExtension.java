package se.arkiv.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link Browser} of the test run, started on first use and closed when the run
 * ends (the root store closes what it holds), and cleans its session before each test. Used through
 * {@link BrowserTest}.
 */
public final class BrowserExtension implements ParameterResolver, BeforeEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BrowserExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return browser(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    browser(context).newSession();
  }

  private static Browser browser(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Browser.class, key -> Browser.start(), Browser.class);
  }
}
