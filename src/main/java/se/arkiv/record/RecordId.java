package se.arkiv.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A record's id: a UUIDv7, so ids sort by filing time and object-store listings come out in filing
 * order.
 */
public record RecordId(String value) {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public RecordId {
    if (value == null || !UUID_TEXT.matcher(value).matches()) {
      throw new InvalidRecordId(value);
    }
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
