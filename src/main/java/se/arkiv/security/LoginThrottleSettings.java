package se.arkiv.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.security.login-throttle.*}: how failed logins are slowed down and then refused. All
 * counts are of failures within {@code window}, and always of one client address: an attacker
 * elsewhere can never lock a clerk out.
 *
 * @param window how long a failed login counts
 * @param slowDownAfter failures of one user name from one address after which each further attempt
 *     must wait {@code delay}, doubling with every further failure
 * @param delay the first wait
 * @param maxFailures failures of one user name from one address after which that name is refused
 *     from that address for the rest of the window
 * @param maxFailuresPerAddress failures from one address over all user names (password spraying)
 *     after which the address is refused, except for a user's login from an address that user
 *     logged in from successfully before
 * @param maxTracked names and addresses remembered at most, so that invented ones cannot grow
 *     memory without bound
 */
@ConfigurationProperties("arkiv.security.login-throttle")
public record LoginThrottleSettings(
    @DefaultValue("5m") Duration window,
    @DefaultValue("3") int slowDownAfter,
    @DefaultValue("2s") Duration delay,
    @DefaultValue("10") int maxFailures,
    @DefaultValue("30") int maxFailuresPerAddress,
    @DefaultValue("100000") int maxTracked) {

  public LoginThrottleSettings {
    if (slowDownAfter < 1 || maxFailures < slowDownAfter || maxFailuresPerAddress < 1) {
      throw new IllegalArgumentException(
          "arkiv.security.login-throttle: need 1 <= slow-down-after <= max-failures and"
              + " max-failures-per-address >= 1");
    }
  }
}
