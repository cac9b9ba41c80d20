package io.soundtag.ops.label;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A time on the command line: an ISO-8601 instant ({@code 2026-12-01T20:15:00Z}, or with an
 * offset), a local date and time ({@code 2026-12-01T21:15:00}) or a local time of today
 * ({@code 21:15:00.5}), local ones in the given zone.
 */
final class CaptureTime {

  private CaptureTime() {}

  static Instant parse(String text, ZoneId zone) {
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException notWithOffset) {
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeException notLocalDateTime) {
        try {
          return LocalTime.parse(t).atDate(LocalDate.now(zone)).atZone(zone).toInstant();
        } catch (DateTimeException notLocalTime) {
          throw new IllegalArgumentException("'" + text + "' is not a time; give an instant (2026-12-01T20:15:00Z),"
              + " a local date and time (2026-12-01T21:15:00) or a local time of today (21:15:00), local in " + zone);
        }
      }
    }
  }
}
