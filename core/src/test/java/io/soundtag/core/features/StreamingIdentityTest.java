package io.soundtag.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same code serves clips and streams, and the frames are bit-identical either way. */
class StreamingIdentityTest {

  static List<FeatureConfig> configs() {
    LogMelConfig logMel = new LogMelConfig(16000, 512, 400, 160, 40, 20, 7600, MelScale.SLANEY);
    return List.of(
        logMel,
        new LogMelConfig(16000, 1000, 640, 320, 24, 0, 8000, MelScale.HTK),
        new StftConfig(16000, 256, 200, 100),
        new MfccConfig(logMel, 13, true),
        new MfccConfig(logMel, 20, false),
        new CqtConfig(16000, 256, 220, 12, 48),
        new CqtConfig(16000, 101, 110, 12, 48),
        new GammatoneConfig(16000, 512, 512, 160, 32, 50, 8000));
  }

  private static float[] signal(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.1 * random.nextGaussian());
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void anyChunkingOfAStreamGivesTheWholeClipsFrames(FeatureConfig config) {
    Representation r = config.create();
    float[] x = signal(21_337, 5);
    FeatureMatrix whole = r.compute(x);
    Random random = new Random(config.hashCode());
    for (int trial = 0; trial < 3; trial++) {
      StreamingFrames stream = new StreamingFrames(r);
      FeatureMatrix joined = null;
      for (int pos = 0; pos < x.length; ) {
        int len = Math.min(x.length - pos, random.nextInt(trial == 0 ? 40 : 4000));
        float[] chunk = java.util.Arrays.copyOfRange(x, pos, pos + len);
        FeatureMatrix frames = stream.push(chunk);
        joined = joined == null ? frames : joined.append(frames);
        pos += len;
      }
      joined = joined.append(stream.finish());
      assertThat(joined.shape()).isEqualTo(whole.shape());
      assertThat(joined.values()).as("trial %d", trial).containsExactly(whole.values());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void aWindowCutFromTheStreamGivesTheClipsFramesWhereItCoversTheirReach(FeatureConfig config) {
    Representation r = config.create();
    float[] x = signal(30_000, 9);
    FeatureMatrix whole = r.compute(x);
    int start = 7_001;
    int end = 25_500;
    float[] window = java.util.Arrays.copyOfRange(x, start, end);
    int hop = r.hopLength();
    long first = (start + r.reachBefore() + hop - 1) / hop;
    long last = (end - r.reachAfter()) / hop;
    assertThat(last).isGreaterThan(first);
    int count = (int) (last - first + 1);
    FeatureMatrix frames = r.computeFrames(window, start, first, count);
    assertThat(frames.values()).containsExactly(whole.frames((int) first, (int) first + count).values());
  }
}
