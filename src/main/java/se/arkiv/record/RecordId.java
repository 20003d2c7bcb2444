package se.arkiv.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A record's id: a UUIDv7, so ids sort by filing time and object-store listings come out in filing
 * order.
 */
public record RecordId(String value) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public RecordId {
    if (value == null || !uuidText(value)) {
      throw new InvalidRecordId(value);
    }
  }

  /**
   * A UUID in its lowercase text form, 8-4-4-4-12 hex digits. One pass over the characters, not a
   * regular expression: every id read from a store listing, an index hit or a JSON document is
   * checked, and the JDK's matcher for a character class costs several calls a character.
   */
  private static boolean uuidText(String value) {
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @JsonCreator
  public static RecordId of(String value) {
    return new RecordId(value);
  }

  /** A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version, then random bits. */
  public static RecordId newId(Clock clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new RecordId(new UUID(msb, lsb).toString());
  }

  /** When the id was made (its first 48 bits): a filing's id is made as it is filed. */
  public Instant issuedAt() {
    return Instant.ofEpochMilli(UUID.fromString(value).getMostSignificantBits() >>> 16);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
