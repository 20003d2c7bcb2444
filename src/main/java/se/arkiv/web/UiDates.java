package se.arkiv.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Instants as the pages show them: in Stockholm time, the bank's legal time, whatever the browser's
 * zone. Used in templates as {@code @uiDates.at(instant)}.
 */
@Component("uiDates")
class UiDates {

  static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(STOCKHOLM);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(STOCKHOLM);

  public String at(Instant instant) {
    return instant == null ? "" : MINUTE.format(instant);
  }

  public String day(Instant instant) {
    return instant == null ? "" : DAY.format(instant);
  }

  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }
}
