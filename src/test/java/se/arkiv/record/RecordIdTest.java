package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
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
  }
}
