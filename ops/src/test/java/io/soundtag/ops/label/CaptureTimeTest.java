package io.soundtag.ops.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CaptureTimeTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void instantsOffsetsLocalDateTimesAndTimesOfToday() {
    assertThat(CaptureTime.parse("2026-12-01T20:15:00.250Z", PARIS)).isEqualTo(Instant.parse("2026-12-01T20:15:00.250Z"));
    assertThat(CaptureTime.parse("2026-12-01T21:15:00+01:00", PARIS)).isEqualTo(Instant.parse("2026-12-01T20:15:00Z"));
    assertThat(CaptureTime.parse("2026-12-01T21:15:00", PARIS)).isEqualTo(Instant.parse("2026-12-01T20:15:00Z"));
    assertThat(CaptureTime.parse(" 21:15:00.5 ", PARIS))
        .isEqualTo(LocalDate.now(PARIS).atTime(21, 15, 0, 500_000_000).atZone(PARIS).toInstant());
  }

  @Test
  void anythingElseSaysWhatATimeLooksLike() {
    assertThatThrownBy(() -> CaptureTime.parse("yesterday", PARIS))
        .hasMessageContaining("'yesterday' is not a time").hasMessageContaining("local in Europe/Paris");
  }
}
