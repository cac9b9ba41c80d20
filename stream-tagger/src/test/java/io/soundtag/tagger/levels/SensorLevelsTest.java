package io.soundtag.tagger.levels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SensorLevelsTest {

  private static final int RATE = 8000;
  /** 10:00:00.300 on some day: 0.7 s before a whole second. */
  private static final long ORIGIN = 1_700_000_000_300_000L;

  private final SensorLevels levels = new SensorLevels(new LevelPolicy(1.0, Duration.ofDays(30)));

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.1 * r.nextGaussian());
    }
    return x;
  }

  @Test
  void intervalsStartOnTheClockAndWaitForTheirWindows() {
    SensorLevels.Step s = levels.audio(null, new SensorAudio("s", ORIGIN, 0, RATE, noise(3 * RATE, 1)));
    assertThat(s.finished()).isEmpty();
    assertThat(s.state().waiting()).hasSize(2);
    // A window starting before the first interval's end releases nothing; one starting at it releases it.
    s = levels.scored(s.state(), new SensorLevels.Span(ORIGIN + 1_200_000, ORIGIN + 1_700_000, List.of("siren")));
    assertThat(s.finished()).isEmpty();
    s = levels.scored(s.state(), new SensorLevels.Span(ORIGIN + 1_700_000, ORIGIN + 2_200_000, List.of()));
    assertThat(s.finished()).hasSize(1);
    SensorLevels.Interval first = s.finished().get(0);
    assertThat(first.startMicros()).isEqualTo(ORIGIN + 700_000);
    assertThat(first.endMicros()).isEqualTo(ORIGIN + 1_700_000);
    // The siren window covers 1.2–1.7 s of the stream: the last 5 periods of the interval.
    assertThat(first.shares()).singleElement().satisfies(share -> {
      assertThat(share.label()).isEqualTo("siren");
      assertThat(share.seconds()).isEqualTo(0.5);
      assertThat(share.energyFraction()).isBetween(0.3, 0.7);
    });
    SensorLevels.State back = SensorLevels.fromBytes(SensorLevels.toBytes(s.state()));
    assertThat(back.waiting()).hasSize(1);
    assertThat(back.spans()).hasSize(1);
    assertThat(back.scoredFromMicros()).isEqualTo(ORIGIN + 1_700_000);
  }

  @Test
  void withoutWindowsAtMostThreeIntervalsWaitAndARestartSendsThem() {
    SensorLevels.Step s = levels.audio(null, new SensorAudio("s", ORIGIN, 0, RATE, noise(6 * RATE, 2)));
    assertThat(s.state().waiting()).hasSize(SensorLevels.MAX_WAITING);
    assertThat(s.finished()).hasSize(5 - SensorLevels.MAX_WAITING);
    SensorLevels.Step restarted = levels.audio(s.state(), new SensorAudio("s", ORIGIN + 60_000_000, 0, RATE, noise(RATE, 3)));
    assertThat(restarted.finished()).hasSize(SensorLevels.MAX_WAITING);
    assertThat(restarted.state().originMicros()).isEqualTo(ORIGIN + 60_000_000);
    assertThat(restarted.state().waiting()).isEmpty();
  }

  @Test
  void unreadableStateIsRefused() {
    assertThatThrownBy(() -> SensorLevels.fromBytes(new byte[] {9, 1, 2})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SensorLevels.fromBytes(new byte[] {1, 0})).isInstanceOf(IllegalArgumentException.class);
  }
}
