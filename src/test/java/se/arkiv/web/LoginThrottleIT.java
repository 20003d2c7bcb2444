package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.RawHttp;
import se.arkiv.testing.RawHttp.Answer;
import se.arkiv.testing.RunningArkiv;

/**
 * The login throttle slows down and refuses guessing by user name and client address together, and
 * spraying by address, without ever locking a clerk out at their own machine. Each client address
 * is its own loopback address (127.0.0.x), as the service sees them without a proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleIT {

  private static final String CLERKS_MACHINE = "127.0.0.1";

  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(
          Map.of(
              "arkiv.security.login-throttle.slow-down-after", "3",
              "arkiv.security.login-throttle.delay", "30s",
              "arkiv.security.login-throttle.max-failures", "5",
              "arkiv.security.login-throttle.max-failures-per-address", "6"),
          InProcessExtractionSource.class);

  @Test
  void anAttackerHammeringAClerksNameIsRefusedWhileTheClerkLogsInAtTheirOwnMachine() {
    assertThat(login(CLERKS_MACHINE, RunningArkiv.CLERK, RunningArkiv.CLERK).status())
        .isEqualTo(200);
    String attacker = "127.0.0.2";
    for (int i = 0; i < 3; i++) {
      assertThat(login(attacker, RunningArkiv.CLERK, "guess" + i).status()).isEqualTo(401);
    }
    Answer refused = login(attacker, RunningArkiv.CLERK, "guess3");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 30L);
    assertThat(refused.json().get("title").asString()).isEqualTo("Too many failed logins");
    // Even the right password is refused from there: the throttle answers before it is checked.
    assertThat(login(attacker, RunningArkiv.CLERK, RunningArkiv.CLERK).status()).isEqualTo(429);

    assertThat(login(CLERKS_MACHINE, RunningArkiv.CLERK, RunningArkiv.CLERK).status())
        .isEqualTo(200);
    // A machine the clerk never used, with no failures of its own, is not held back either.
    assertThat(login("127.0.0.3", RunningArkiv.CLERK, RunningArkiv.CLERK).status()).isEqualTo(200);
  }

  @Test
  void sprayingManyNamesFromOneAddressIsRefusedExceptForItsKnownUsers() {
    String sprayer = "127.0.0.4";
    assertThat(login(sprayer, RunningArkiv.MANAGER, RunningArkiv.MANAGER).status()).isEqualTo(200);
    for (int i = 0; i < 6; i++) {
      assertThat(login(sprayer, "user" + i, "Spring2026!").status()).isEqualTo(401);
    }
    Answer refused = login(sprayer, "user6", "Spring2026!");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotBlank();
    // A real user who never logged in from there is refused too, right password or not ...
    assertThat(login(sprayer, RunningArkiv.SECOND_MANAGER, RunningArkiv.SECOND_MANAGER).status())
        .isEqualTo(429);
    // ... but one who did (the office's shared address) still gets in.
    assertThat(login(sprayer, RunningArkiv.MANAGER, RunningArkiv.MANAGER).status()).isEqualTo(200);
  }

  @Test
  void refusalsAreAudited() {
    String guesser = "127.0.0.5";
    for (int i = 0; i < 4; i++) {
      login(guesser, RunningArkiv.ADMIN, "wrong" + i);
    }
    Answer audit =
        new RawHttp(CLERKS_MACHINE, arkiv.port())
            .get(
                "/api/audit?action=login.throttled&actor=" + RunningArkiv.ADMIN,
                Map.of("Authorization", RawHttp.basic(RunningArkiv.AUDITOR, RunningArkiv.AUDITOR)));
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body()).contains("login.throttled").contains(guesser).contains("DENIED");
  }

  private Answer login(String from, String user, String password) {
    return new RawHttp(from, arkiv.port())
        .get("/api/file-plan", Map.of("Authorization", RawHttp.basic(user, password)));
  }
}
