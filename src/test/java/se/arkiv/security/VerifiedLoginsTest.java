package se.arkiv.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import se.arkiv.testing.MovableClock;

class VerifiedLoginsTest {

  private final AtomicInteger bcryptChecks = new AtomicInteger();
  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
  private final PasswordEncoder counting =
      new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
          return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
          bcryptChecks.incrementAndGet();
          return bcrypt.matches(raw, encoded);
        }
      };
  private final String hash = bcrypt.encode("rätt-lösenord");
  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifiedLogins logins =
      new VerifiedLogins(
          name -> User.withUsername(name).password(hash).roles("CLERK").build(), counting, clock);

  private static UsernamePasswordAuthenticationToken login(String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated("clara", password);
  }

  @Test
  void aVerifiedPasswordIsCheckedWithBcryptOnceForAFewMinutes() {
    assertThat(logins.authenticate(login("rätt-lösenord")).isAuthenticated()).isTrue();
    assertThat(logins.authenticate(login("rätt-lösenord")).isAuthenticated()).isTrue();
    assertThat(bcryptChecks).hasValue(1);
    clock.advance(VerifiedLogins.REMEMBER.plusSeconds(1));
    logins.authenticate(login("rätt-lösenord"));
    assertThat(bcryptChecks).hasValue(2);
  }

  @Test
  void aWrongPasswordIsNeverRememberedAndAlwaysChecked() {
    logins.authenticate(login("rätt-lösenord"));
    assertThatThrownBy(() -> logins.authenticate(login("fel")))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> logins.authenticate(login("fel")))
        .isInstanceOf(BadCredentialsException.class);
    assertThat(bcryptChecks).hasValue(3);
  }
}
