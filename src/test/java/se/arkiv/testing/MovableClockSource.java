package se.arkiv.testing;

import java.time.Clock;
import java.time.Instant;
import org.springframework.context.annotation.Bean;

/**
 * Replaces the service's clock with {@link #CLOCK}. A plain class (not a @Configuration) so that
 * component scanning never picks it up; {@link RunningArkiv} adds it as a source when asked.
 */
public class MovableClockSource {

  public static final MovableClock CLOCK = new MovableClock(Instant.parse("2025-01-15T09:00:00Z"));

  @Bean
  Clock clock() {
    return CLOCK;
  }
}
