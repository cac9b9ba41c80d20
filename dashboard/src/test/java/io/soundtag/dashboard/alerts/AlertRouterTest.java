package io.soundtag.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.schemas.SoundEvent;
import java.time.Duration;
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
  void kOfNAlertsOnlyWhenEnoughOfTheSensorsRecentSoundsOfThatClassPass() {
    AlertRouter twoOfThree = new AlertRouter(List.of(new AlertRule("siren", Tier.ALERT, 0.8, 2, 3, Duration.ofSeconds(60))),
        List.of(), ZoneOffset.UTC, null);
    long s = 1_000_000L;
    assertThat(twoOfThree.route(event("s1", "siren", NOON, null, 0.9), 1)).as("one sound is not enough").isEmpty();
    assertThat(twoOfThree.route(event("s2", "siren", NOON + 5 * s, null, 0.9), 1)).as("another sensor's sound counts apart").isEmpty();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 10 * s, null, 0.5), 1)).as("a weak sound does not pass").isEmpty();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 10 * s, NOON + 12 * s, 0.85), 2))
        .as("the same sound, stronger by its end: two of three passed").isPresent();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 10 * s, NOON + 13 * s, 0.95), 3)).as("one alert per sound").isEmpty();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 20 * s, null, 0.9), 4)).as("still two of the last three").isPresent();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 200 * s, null, 0.9), 5)).as("the others are over 60 s old").isEmpty();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 210 * s, null, 0.4), 6)).isEmpty();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 220 * s, null, 0.4), 7)).isEmpty();
    assertThat(twoOfThree.route(event("s1", "siren", NOON + 230 * s, null, 0.9), 8))
        .as("one passing of the last three (the one at +200 s is out of them)").isEmpty();
  }

  @Test
  void rulesAreValidated() {
    assertThatThrownBy(() -> new AlertRule("x", Tier.ALERT, 0.5, 3, 2, Duration.ofSeconds(1))).hasMessageContaining("k <= n");
    assertThatThrownBy(() -> new AlertRule("x", Tier.ALERT, 0.5, 1, 2, Duration.ZERO)).hasMessageContaining("withinSeconds");
    assertThatThrownBy(() -> new AlertRule("x", Tier.ALERT, 1.5)).hasMessageContaining("minPeak");
    assertThatThrownBy(() -> new AlertRouter(List.of(new AlertRule("x", Tier.ALERT, 0.5), new AlertRule("x", Tier.RECORD, 0.5)),
        List.of(), ZoneOffset.UTC, null)).hasMessageContaining("two alert rules for x");
  }
}
