package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecordIdTest {

  @Test
  void idsAreVersion7UuidsThatSortByTime() {
    RecordId earlier =
        RecordId.newId(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    RecordId later =
        RecordId.newId(Clock.fixed(Instant.parse("2025-01-01T00:00:01Z"), ZoneOffset.UTC));
    assertThat(UUID.fromString(earlier.value()).version()).isEqualTo(7);
    assertThat(UUID.fromString(earlier.value()).variant()).isEqualTo(2);
    assertThat(earlier.value()).isLessThan(later.value());
  }

  @Test
  void refusesTextThatIsNotAnId() {
    assertThatThrownBy(() -> RecordId.of("../../etc/passwd")).isInstanceOf(InvalidRecordId.class);
    assertThatThrownBy(() -> RecordId.of(null)).isInstanceOf(InvalidRecordId.class);
    assertThatThrownBy(() -> RecordId.of("0194A3F2-7C1E-7B2A-9D4E-1F2A3B4C5D6E"))
        .isInstanceOf(InvalidRecordId.class);
    assertThatThrownBy(() -> RecordId.of("0194a3f2-7c1e-7b2a-9d4e-1f2a3b4c5d6e/"))
        .isInstanceOf(InvalidRecordId.class);
    assertThatThrownBy(() -> RecordId.of("0194a3f2_7c1e-7b2a-9d4e-1f2a3b4c5d6e"))
        .isInstanceOf(InvalidRecordId.class);
  }

  /** The rule as it was written before, as a regular expression. */
  private static final Pattern FORMER =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Test
  void decidesAsTheFormerRegularExpressionDidOnIdsWithOneCharacterChanged() {
    Random random = new Random(7);
    String alphabet = "0123456789abcdefgABF-_/. ";
    for (int n = 0; n < 100_000; n++) {
      char[] id = RecordId.newId(Clock.systemUTC()).value().toCharArray();
      id[random.nextInt(id.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      String text =
          random.nextInt(10) == 0 ? new String(id, 0, random.nextInt(37)) : new String(id);
      boolean accepted;
      try {
        RecordId.of(text);
        accepted = true;
      } catch (InvalidRecordId e) {
        accepted = false;
      }
      assertThat(accepted).as("id [%s]", text).isEqualTo(FORMER.matcher(text).matches());
    }
  }
}
