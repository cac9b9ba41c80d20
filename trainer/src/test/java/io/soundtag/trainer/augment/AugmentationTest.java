package io.soundtag.trainer.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

  private static float[] noise(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return x;
  }

  private static FeatureMatrix features(int channels, int bins, int frames, long seed) {
    FeatureShape shape = new FeatureShape(channels, bins, frames);
    return new FeatureMatrix(shape, noise(shape.size(), seed));
  }

  @Test
  void everyAugmentationIsBitExactForTheSameSeedAndDiffersForAnother() {
    float[] wave = noise(4000, 1);
    List<WaveformAugmentation> waveform = List.of(
        new TimeShift(800, true), new Gain(-6, 6), new BandLimit(16000, 1000, 4000, 51));
    for (WaveformAugmentation a : waveform) {
      assertThat(a.apply(wave, 42)).as(a.toString()).isEqualTo(a.apply(wave, 42));
      assertThat(Arrays.equals(a.apply(wave, 42), a.apply(wave, 43))).as(a.toString()).isFalse();
    }
    FeatureMatrix x = features(2, 32, 50, 2);
    List<FeatureAugmentation> feature = List.of(new FrequencyMask(2, 8, 0f), new TimeMask(2, 10, 0f));
    for (FeatureAugmentation a : feature) {
      assertThat(a.apply(x, 7).values()).as(a.toString()).isEqualTo(a.apply(x, 7).values());
      assertThat(Arrays.equals(a.apply(x, 7).values(), a.apply(x, 8).values())).as(a.toString()).isFalse();
    }
    FeatureMatrix y = features(2, 32, 50, 3);
    float[] ta = {1, 0, 0};
    float[] tb = {0, 0, 1};
    assertThat(new Mixup(0.4).apply(x.values(), ta, y.values(), tb, 5))
        .usingRecursiveComparison().isEqualTo(new Mixup(0.4).apply(x.values(), ta, y.values(), tb, 5));
    assertThat(FMix.defaults().apply(x, ta, y, tb, 5)).usingRecursiveComparison()
        .isEqualTo(FMix.defaults().apply(x, ta, y, tb, 5));
    FreqMixStyle style = new FreqMixStyle(1, 0.3, 1e-6);
    assertThat(style.apply(x, y, 9).values()).isEqualTo(style.apply(x, y, 9).values());
    assertThat(Arrays.equals(style.apply(x, y, 9).values(), style.apply(x, y, 10).values())).isFalse();
    Reverb reverb = new Reverb(16000, 0.1, 0.4);
    assertThat(reverb.apply(wave, 42)).isEqualTo(reverb.apply(wave, 42));
    assertThat(Arrays.equals(reverb.apply(wave, 42), reverb.apply(wave, 43))).isFalse();
  }

  @Test
  void mixupMixesValuesAndTargetsWithTheSameLambda() {
    float[] a = noise(100, 1);
    float[] b = noise(100, 2);
    MixedSample mixed = new Mixup(0.4).apply(a, new float[] {1, 0}, b, new float[] {0, 1}, 11);
    float l = (float) mixed.lambda();
    assertThat(mixed.lambda()).isBetween(0.0, 1.0);
    for (int i = 0; i < a.length; i++) {
      assertThat(mixed.values()[i]).isEqualTo(l * a[i] + (1 - l) * b[i]);
    }
    assertThat(mixed.target()).containsExactly(l, 1 - l);
  }

  @Test
  void betaDrawsHaveTheBetaMean() {
    SplittableRandom random = new SplittableRandom(3);
    for (double[] ab : new double[][] {{0.3, 0.3}, {2, 5}, {1, 1}}) {
      double sum = 0;
      for (int i = 0; i < 20_000; i++) {
        double v = BetaSampler.beta(ab[0], ab[1], random);
        assertThat(v).isBetween(0.0, 1.0);
        sum += v;
      }
      assertThat(sum / 20_000).isCloseTo(ab[0] / (ab[0] + ab[1]), within(0.01));
    }
  }

  @Test
  void fmixUsesABinaryMaskAndMixesTargetsByItsShare() {
    FeatureMatrix a = new FeatureMatrix(new FeatureShape(2, 16, 40), filled(2 * 16 * 40, 1f));
    FeatureMatrix b = new FeatureMatrix(new FeatureShape(2, 16, 40), filled(2 * 16 * 40, -1f));
    MixedSample mixed = FMix.defaults().apply(a, new float[] {1, 0}, b, new float[] {0, 1}, 21);
    long ones = 0;
    for (float v : mixed.values()) {
      assertThat(v).isIn(1f, -1f);
      ones += v == 1f ? 1 : 0;
    }
    assertThat((double) ones / mixed.values().length).isCloseTo(mixed.lambda(), within(1e-9));
    assertThat(mixed.target()[0]).isCloseTo((float) mixed.lambda(), within(1e-6f));
    // same mask on both channels
    assertThat(Arrays.copyOfRange(mixed.values(), 0, 640)).isEqualTo(Arrays.copyOfRange(mixed.values(), 640, 1280));
  }

  @Test
  void fmixMaskIsSmoothNotSaltAndPepper() {
    boolean[] mask = FMix.defaults().mask(32, 64, 0.5, new SplittableRandom(4));
    int changes = 0;
    for (int y = 0; y < 32; y++) {
      for (int x = 1; x < 64; x++) {
        changes += mask[y * 64 + x] != mask[y * 64 + x - 1] ? 1 : 0;
      }
    }
    // a random half/half mask would flip ~50 % of neighbours; a low-frequency one only a few %
    assertThat(changes).isLessThan(32 * 63 / 10);
  }

  @Test
  void specAugmentMasksStayWithinTheirWidths() {
    FeatureMatrix x = new FeatureMatrix(new FeatureShape(1, 20, 30), filled(600, 5f));
    for (long seed = 0; seed < 50; seed++) {
      FeatureMatrix f = new FrequencyMask(1, 6, 0f).apply(x, seed);
      int maskedBins = 0;
      for (int b = 0; b < 20; b++) {
        boolean masked = f.get(0, b, 0) == 0f;
        for (int t = 0; t < 30; t++) {
          assertThat(f.get(0, b, t) == 0f).isEqualTo(masked);
        }
        maskedBins += masked ? 1 : 0;
      }
      assertThat(maskedBins).isLessThanOrEqualTo(6);
      FeatureMatrix t = new TimeMask(1, 9, 0f).apply(x, seed);
      int maskedFrames = 0;
      for (int i = 0; i < 30; i++) {
        maskedFrames += t.get(0, 0, i) == 0f ? 1 : 0;
      }
      assertThat(maskedFrames).isLessThanOrEqualTo(9);
    }
    assertThat(x.values()).containsOnly(5f);
  }

  @Test
  void timeShiftRollsOrPadsAndGainScalesByDecibels() {
    float[] x = {1, 2, 3, 4, 5};
    assertThat(TimeShift.shift(x, 2, true)).containsExactly(4, 5, 1, 2, 3);
    assertThat(TimeShift.shift(x, -2, false)).containsExactly(3, 4, 5, 0, 0);
    float[] gained = new Gain(6, 6).apply(x, 1);
    assertThat(gained[0]).isCloseTo((float) Math.pow(10, 6 / 20.0), within(1e-6f));
  }

  @Test
  void bandLimitPassesLowAndStopsHighFrequencies() {
    int rate = 16000;
    float[] low = sine(300, rate, 4000);
    float[] high = sine(7000, rate, 4000);
    BandLimit limit = new BandLimit(rate, 2000, 2000, 101);
    assertThat(rms(limit.apply(low, 1), 200, 3800) / rms(low, 200, 3800)).isCloseTo(1.0, within(0.01));
    assertThat(rms(limit.apply(high, 1), 200, 3800) / rms(high, 200, 3800)).isLessThan(0.01);
  }

  @Test
  void freqMixStyleMovesPerBinStatisticsTowardsThePartner() {
    FeatureMatrix a = new FeatureMatrix(new FeatureShape(1, 2, 100), affine(noise(200, 1), 0f, 1f));
    FeatureMatrix b = new FeatureMatrix(new FeatureShape(1, 2, 100), affine(noise(200, 2), 10f, 3f));
    int restyled = 0;
    for (long seed = 0; seed < 40; seed++) {
      // alpha 50 keeps λ near 0.5, so a restyled sample lands near the midpoint
      FeatureMatrix out = new FreqMixStyle(0.5, 50, 1e-6).apply(a, b, seed);
      double mean = mean(out.values(), 0, 100);
      if (Math.abs(mean - mean(a.values(), 0, 100)) > 0.1) {
        restyled++;
        assertThat(mean).isBetween(3.0, 7.0);
      } else {
        assertThat(out.values()).isEqualTo(a.values());
      }
    }
    // each sample is restyled with probability 0.5
    assertThat(restyled).isBetween(8, 32);
    assertThat(new FreqMixStyle(0, 0.3, 1e-6).apply(a, b, 17).values()).isEqualTo(a.values());
  }

  @Test
  void reverbLengthensTheDecayByItsRt60() {
    int rate = 16000;
    float[] burst = new float[rate];
    float[] noise = noise(800, 5);
    System.arraycopy(noise, 0, burst, 0, 800); // 50 ms of noise, then silence
    float[] wet = new Reverb(rate, 0.5, 0.5).apply(burst, 3);
    // 200–300 ms after the burst the dry signal is silent; the room still rings
    assertThat(rms(burst, 4000, 4800)).isZero();
    assertThat(rms(wet, 4000, 4800) / rms(wet, 0, 800)).isGreaterThan(0.01);
    // the response's energy decays by 60 dB over RT60: Schroeder's backward integral
    double[] h = Reverb.impulseResponse(rate, 0.5, new SplittableRandom(1));
    double[] tail = new double[h.length + 1];
    for (int t = h.length - 1; t >= 0; t--) {
      tail[t] = tail[t + 1] + h[t] * h[t];
    }
    double db = 10 * Math.log10(tail[rate / 10] / tail[rate / 5]);
    // between 100 and 200 ms the energy falls by 60 dB · 0.1 s / 0.5 s = 12 dB
    assertThat(db).isCloseTo(12, within(1.5));
    assertThat(h.length).isEqualTo(rate / 2);
  }

  @Test
  void seedsDeriveStablyPerClipEpochAndStep() {
    assertThat(AugmentationSeed.of(1, 2, 3)).isEqualTo(AugmentationSeed.of(1, 2, 3));
    assertThat(AugmentationSeed.of(1, 2, 3)).isNotEqualTo(AugmentationSeed.of(1, 3, 3));
    assertThat(AugmentationSeed.of(1, 2, 3)).isNotEqualTo(AugmentationSeed.of(1, 2, 4));
    long s = AugmentationSeed.of(1, 2, 3);
    assertThat(AugmentationSeed.child(s, 0)).isNotEqualTo(AugmentationSeed.child(s, 1));
  }

  private static float[] filled(int n, float v) {
    float[] x = new float[n];
    Arrays.fill(x, v);
    return x;
  }

  private static float[] affine(float[] x, float shift, float scale) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * scale + shift;
    }
    return y;
  }

  private static float[] sine(double f, int rate, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * f * i / rate);
    }
    return x;
  }

  private static double rms(float[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i] * x[i];
    }
    return Math.sqrt(s / (to - from));
  }

  private static double mean(float[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s / (to - from);
  }
}
