package se.arkiv.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic sends the password with every request, and a bcrypt check costs tens of milliseconds
 * by design: checked every time, it would cap the whole service at a few dozen requests per second.
 * A password that passed bcrypt is therefore remembered for a few minutes, in memory only, as a
 * peppered SHA-256 of user and password (the pepper is random per process, so the remembered values
 * are useless outside it). A wrong password is never remembered.
 */
@Component
class VerifiedLogins implements AuthenticationProvider {

  static final Duration REMEMBER = Duration.ofMinutes(5);
  private static final int MAX_REMEMBERED = 10_000;

  private final DaoAuthenticationProvider check;
  private final Clock clock;
  private final byte[] pepper = new byte[32];
  private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

  private record Remembered(Authentication authentication, Instant until) {}

  VerifiedLogins(UserDetailsService users, PasswordEncoder passwords, Clock clock) {
    this.check = new DaoAuthenticationProvider(users);
    this.check.setPasswordEncoder(passwords);
    this.clock = clock;
    new SecureRandom().nextBytes(pepper);
  }

  @Override
  public Authentication authenticate(Authentication request) {
    String key = key(request.getName(), String.valueOf(request.getCredentials()));
    Remembered remembered = verified.get(key);
    Instant now = clock.instant();
    if (remembered != null && now.isBefore(remembered.until())) {
      return remembered.authentication();
    }
    Authentication result = check.authenticate(request);
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(key, new Remembered(result, now.plus(REMEMBER)));
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private String key(String username, String password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(pepper);
      sha256.update(username.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
