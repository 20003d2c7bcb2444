package se.arkiv.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives the UI in a real browser: it is tagged {@code browser} (so {@code
 * ./scripts/test -Dgroups=browser} runs these alone), its test methods and lifecycle methods get a
 * {@link Browser} parameter, one browser serves the whole test run, and each test starts on a clean
 * session (no cookies, so logged out).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {}
