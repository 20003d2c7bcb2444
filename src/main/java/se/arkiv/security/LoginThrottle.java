package se.arkiv.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down and then refuses it, counted per user name <em>and</em> client
 * address together, so that hammering a clerk's name from one machine never locks the clerk out at
 * their own; and per address over all names, against spraying one password at many users. A user's
 * login from an address they logged in from successfully before is only ever held back by their own
 * failures there. Settings: {@link LoginThrottleSettings}. In memory, per node: a restart forgets
 * both the failures and the known addresses.
 */
@Component
public class LoginThrottle {

  /** Why an attempt is refused, and until when. */
  public record Refusal(Instant until, Reason reason) {}

  public enum Reason {
    /** This user name failed from this address: slowed down, or refused for the window. */
    USER_AT_ADDRESS,
    /** Many user names failed from this address. */
    ADDRESS
  }

  private record Pair(String username, String address) {}

  private final Clock clock;
  private final LoginThrottleSettings settings;
  private final Map<Pair, Deque<Instant>> byPair = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
  private final Set<Pair> known = ConcurrentHashMap.newKeySet();

  LoginThrottle(Clock clock, LoginThrottleSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  /** Whether this attempt is refused before its password is even checked. */
  public Optional<Refusal> refusal(String username, String address) {
    Instant now = clock.instant();
    Pair pair = new Pair(username, address);
    Optional<Instant> own = ownBlock(byPair.get(pair), now);
    if (own.isPresent()) {
      return own.map(until -> new Refusal(until, Reason.USER_AT_ADDRESS));
    }
    if (known.contains(pair)) {
      return Optional.empty();
    }
    Deque<Instant> fromAddress = byAddress.get(address);
    if (fromAddress != null) {
      synchronized (fromAddress) {
        prune(fromAddress, now);
        if (fromAddress.size() >= settings.maxFailuresPerAddress()) {
          return Optional.of(
              new Refusal(fromAddress.peekFirst().plus(settings.window()), Reason.ADDRESS));
        }
      }
    }
    return Optional.empty();
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    forgetAllIfTooMany();
    add(byPair.computeIfAbsent(new Pair(username, address), k -> new ArrayDeque<>()), now);
    add(byAddress.computeIfAbsent(address, k -> new ArrayDeque<>()), now);
  }

  /** A successful login clears this user's failures here and makes the address theirs. */
  public void succeeded(String username, String address) {
    Pair pair = new Pair(username, address);
    byPair.remove(pair);
    if (known.size() >= settings.maxTracked()) {
      known.clear();
    }
    known.add(pair);
  }

  /** Slowed down (the wait after the last failure not over) or refused (too many). */
  private Optional<Instant> ownBlock(Deque<Instant> failures, Instant now) {
    if (failures == null) {
      return Optional.empty();
    }
    synchronized (failures) {
      prune(failures, now);
      int count = failures.size();
      if (count >= settings.maxFailures()) {
        return Optional.of(failures.peekFirst().plus(settings.window()));
      }
      if (count >= settings.slowDownAfter()) {
        int doublings = Math.min(count - settings.slowDownAfter(), 20);
        Duration wait = settings.delay().multipliedBy(1L << doublings);
        Instant until = failures.peekLast().plus(wait);
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
      }
      return Optional.empty();
    }
  }

  private void add(Deque<Instant> failures, Instant now) {
    synchronized (failures) {
      prune(failures, now);
      failures.addLast(now);
    }
  }

  private void forgetAllIfTooMany() {
    // Invented names and addresses must not grow memory without bound; forgetting errs towards
    // letting people in, and the audit trail keeps every failure anyway.
    if (byPair.size() > settings.maxTracked() || byAddress.size() > settings.maxTracked()) {
      byPair.clear();
      byAddress.clear();
    }
  }

  private void prune(Deque<Instant> failures, Instant now) {
    Instant cutoff = now.minus(settings.window());
    while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
      failures.pollFirst();
    }
  }
}
