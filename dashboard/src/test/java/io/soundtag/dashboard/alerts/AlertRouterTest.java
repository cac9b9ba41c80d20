package io.soundtag.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.schemas.SoundEvent;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRouterTest {

  /** 2026-01-01T12:00Z and 23:30Z, in µs. */
  static final long NOON = 1_767_268_800_000_000L;
  static final long LATE = NOON + (11 * 3600L + 1800) * 1_000_000L;

  final AlertRouter router = new AlertRouter(List.of(
      new AlertRule("gunshot", Tier.ALERT, 0.6),
      new AlertRule("siren", Tier.POSSIBLE, 0.8),
      new AlertRule("*", Tier.RECORD, 0.5)),
      List.of(new QuietHours("s1", LocalTime.of(22, 0), LocalTime.of(7, 0))), ZoneOffset.UTC, "http://127.0.0.1:8090/");

  static SoundEvent event(String sensor, String label, long onset, Long offset, double peak) {
    return SoundEvent.newBuilder().setSensorId(sensor).setLabel(label).setOnsetMicros(onset).setOffsetMicros(offset).setPeakScore((float) peak).setModelVersion("urban:1").build();
  }

  @Test
  void theLabelsRuleDecidesTierAndMinimumPeak() {
    assertThat(router.route(event("s1", "gunshot", NOON, null, 0.7), 1)).get().extracting(Alert::tier).isEqualTo(Tier.ALERT);
    assertThat(router.route(event("s1", "siren", NOON, null, 0.7), 1)).isEmpty();
    assertThat(router.route(event("s1", "rain", NOON, null, 0.55), 1)).get().extracting(Alert::tier).isEqualTo(Tier.RECORD);
  }

  @Test
  void aSoundRaisesOneAlertAtTheFirstRecordThatPassesItsRule() {
    assertThat(router.route(event("s2", "siren", NOON, null, 0.7), 1)).isEmpty();
    Alert a = router.route(event("s2", "siren", NOON, null, 0.9), 2).orElseThrow();
    assertThat(a.offsetMicros()).isNull();
    assertThat(a.audioUrl()).isEqualTo("http://127.0.0.1:8090/api/audio.wav?sensor=s2&from=" + NOON + "&to=" + (NOON + 5_000_000));
    assertThat(router.route(event("s2", "siren", NOON, NOON + 3_000_000, 0.95), 3)).isEmpty();
    assertThat(router.route(event("s2", "siren", NOON + 10_000_000, null, 0.9), 4)).isPresent();
  }

  @Test
  void quietHoursOverMidnightOnlyRecordPossibleAlertsOfThatSensor() {
    assertThat(router.route(event("s1", "siren", LATE, null, 0.9), 1)).get().extracting(Alert::tier).isEqualTo(Tier.RECORD);
    assertThat(router.route(event("s2", "siren", LATE, null, 0.9), 1)).get().extracting(Alert::tier).isEqualTo(Tier.POSSIBLE);
    assertThat(router.route(event("s1", "gunshot", LATE, null, 0.9), 1)).get().extracting(Alert::tier).isEqualTo(Tier.ALERT);
    assertThat(router.route(event("s1", "siren", NOON + 1, null, 0.9), 1)).get().extracting(Alert::tier).isEqualTo(Tier.POSSIBLE);
  }

  @Test
  void rulesAreValidated() {
    assertThatThrownBy(() -> new AlertRule("x", Tier.ALERT, 1.5)).hasMessageContaining("minPeak");
    assertThatThrownBy(() -> new AlertRouter(List.of(new AlertRule("x", Tier.ALERT, 0.5), new AlertRule("x", Tier.RECORD, 0.5)),
        List.of(), ZoneOffset.UTC, null)).hasMessageContaining("two alert rules for x");
  }
}
