package se.arkiv.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one user name within
 * {@link #WINDOW}, further attempts for that name are refused for the rest of the window, right or
 * wrong password.
 */
@Component
public class LoginThrottle {

  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** When the user name may try again, if it is blocked now. */
  public Optional<Instant> blockedUntil(String username) {
    Deque<Instant> recent = failures.get(username);
    if (recent == null) {
      return Optional.empty();
    }
    synchronized (recent) {
      prune(recent);
      if (recent.size() < MAX_FAILURES) {
        return Optional.empty();
      }
      return Optional.of(recent.peekFirst().plus(WINDOW));
    }
  }

  public void failed(String username) {
    if (failures.size() > MAX_TRACKED) {
      // Names that do not exist must not grow memory without bound.
      failures.clear();
    }
    Deque<Instant> recent = failures.computeIfAbsent(username, k -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
    }
  }

  public void succeeded(String username) {
    failures.remove(username);
  }

  private void prune(Deque<Instant> recent) {
    Instant cutoff = clock.instant().minus(WINDOW);
    while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
      recent.pollFirst();
    }
  }
}
