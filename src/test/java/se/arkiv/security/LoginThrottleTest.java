package se.arkiv.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.arkiv.security.LoginThrottle.Reason;
import se.arkiv.testing.MovableClock;

class LoginThrottleTest {

  private static final String CLERK = "clara";
  private static final String HOME = "10.0.0.1";
  private static final String ATTACKER = "10.6.6.6";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));
  private final LoginThrottle throttle =
      new LoginThrottle(
          clock,
          new LoginThrottleSettings(Duration.ofMinutes(5), 3, Duration.ofSeconds(2), 5, 8, 1000));

  @Test
  void slowsDownAfterAFewFailuresWithAWaitThatDoubles() {
    fail(CLERK, ATTACKER, 3);
    assertThat(throttle.refusal(CLERK, ATTACKER))
        .hasValueSatisfying(
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.USER_AT_ADDRESS);
              assertThat(r.until()).isEqualTo(clock.instant().plusSeconds(2));
            });
    clock.advance(Duration.ofSeconds(2));
    assertThat(throttle.refusal(CLERK, ATTACKER)).isEmpty();
    throttle.failed(CLERK, ATTACKER);
    assertThat(throttle.refusal(CLERK, ATTACKER))
        .hasValueSatisfying(r -> assertThat(r.until()).isEqualTo(clock.instant().plusSeconds(4)));
  }

  @Test
  void refusesTheNameFromThatAddressForTheRestOfTheWindowAfterTooMany() {
    Instant first = clock.instant();
    fail(CLERK, ATTACKER, 5);
    clock.advance(Duration.ofMinutes(4));
    assertThat(throttle.refusal(CLERK, ATTACKER))
        .hasValueSatisfying(
            r -> assertThat(r.until()).isEqualTo(first.plus(Duration.ofMinutes(5))));
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.refusal(CLERK, ATTACKER)).isEmpty();
  }

  @Test
  void neverHoldsBackTheSameNameAtAnotherAddress() {
    fail(CLERK, ATTACKER, 5);
    assertThat(throttle.refusal(CLERK, HOME)).isEmpty();
  }

  @Test
  void refusesAnAddressSprayingManyNamesButNotItsKnownUsers() {
    throttle.succeeded(CLERK, ATTACKER);
    for (int i = 0; i < 8; i++) {
      throttle.failed("user" + i, ATTACKER);
    }
    assertThat(throttle.refusal("someone", ATTACKER))
        .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.ADDRESS));
    assertThat(throttle.refusal(CLERK, ATTACKER)).isEmpty();
  }

  @Test
  void aSuccessfulLoginClearsThatNamesFailuresThere() {
    fail(CLERK, HOME, 2);
    throttle.succeeded(CLERK, HOME);
    fail(CLERK, HOME, 2);
    assertThat(throttle.refusal(CLERK, HOME)).isEmpty();
  }

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(user, address);
    }
  }
}
