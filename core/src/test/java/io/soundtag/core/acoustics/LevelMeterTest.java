package io.soundtag.core.acoustics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.simd.Simd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevelMeterTest {

  static float[] sine(int rate, double hz, double amplitude, int samples) {
    float[] x = new float[samples];
    for (int n = 0; n < samples; n++) {
      x[n] = (float) (amplitude * Math.sin(2 * Math.PI * hz * n / rate));
    }
    return x;
  }

  private static float[] noise(int samples, long seed) {
    Random r = new Random(seed);
    float[] x = new float[samples];
    for (int n = 0; n < samples; n++) {
      x[n] = (float) (0.1 * r.nextGaussian() * (1 + Math.sin(n / 3000.0)));
    }
    return x;
  }

  @Test
  void chunkByChunkIsBitIdenticalToTheWholeRecording() {
    int rate = 22050;
    float[] x = noise(rate * 7 + 123, 1);
    List<IntervalLevels> whole = LevelMeter.fromStart(rate, 2.0).push(x);
    LevelMeter chunked = LevelMeter.fromStart(rate, 2.0);
    List<IntervalLevels> parts = new ArrayList<>();
    Random r = new Random(2);
    for (int i = 0; i < x.length; ) {
      int n = Math.min(x.length - i, 1 + r.nextInt(5000));
      // And through the store's bytes between chunks.
      chunked = LevelMeter.fromBytes(chunked.toBytes());
      parts.addAll(chunked.push(x, i, i + n));
      i += n;
    }
    assertThat(whole).hasSize(3);
    assertThat(parts).hasSize(3);
    for (int i = 0; i < 3; i++) {
      IntervalLevels a = whole.get(i);
      IntervalLevels b = parts.get(i);
      assertThat(b.startSample()).isEqualTo(a.startSample());
      assertThat(new double[] {b.laeq(), b.lceq(), b.lzeq(), b.lae(), b.lafmax(), b.lasmax(), b.lafmin(), b.lcpeak(),
          b.laf10(), b.laf50(), b.laf90()}).containsExactly(a.laeq(), a.lceq(), a.lzeq(), a.lae(), a.lafmax(), a.lasmax(),
          a.lafmin(), a.lcpeak(), a.laf10(), a.laf50(), a.laf90());
      assertThat(b.thirdOctave()).isEqualTo(a.thirdOctave());
      assertThat(b.lafSamples()).containsExactly(a.lafSamples());
    }
  }

  @Test
  void theBuildRunsTheMeterInSimdLanes() {
    // The pom starts every test JVM with the module; without it the lanes below would go untested.
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(Simd.available()).isEqualTo(DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= Simd.VECTOR_BITS);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 22050, 32000, 44100, 48000, 96000})
  void lanesGiveTheScalarMetersBits(int rate) {
    float[] x = noise(rate * 3 + 77, rate);
    for (int i = 0; i < x.length; i += 997) {
      // Tones and clicks as well as noise, so every band has something.
      x[i] = 0.9f;
    }
    LevelMeter lanes = LevelMeter.fromSample(rate, 1.0, 0);
    LevelMeter scalar = LevelMeter.scalarFromSample(rate, 1.0, 0);
    List<IntervalLevels> a = new ArrayList<>();
    List<IntervalLevels> b = new ArrayList<>();
    Random r = new Random(rate);
    for (int i = 0; i < x.length; ) {
      int n = Math.min(x.length - i, 1 + r.nextInt(3000));
      a.addAll(lanes.push(x, i, i + n));
      b.addAll(scalar.push(x, i, i + n));
      i += n;
    }
    assertThat(a).hasSize(3);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).thirdOctave()).isEqualTo(b.get(i).thirdOctave());
      assertThat(a.get(i).laeq()).isEqualTo(b.get(i).laeq());
    }
    // The filter states too, so either path can carry on from the other's stored bytes.
    assertThat(lanes.toBytes()).isEqualTo(scalar.toBytes());
  }

  @Test
  void aFullScaleSineAt1kHzReadsMinus3dBFSOnEveryWeightingAndItsPeak() {
    int rate = 48000;
    IntervalLevels l = LevelMeter.fromSample(rate, 1.0, rate).push(sine(rate, 1000, 0.5, 2 * rate)).get(0);
    double level = 20 * Math.log10(0.5) - 3.0103;
    assertThat(l.laeq()).isCloseTo(level, within(0.01));
    assertThat(l.lceq()).isCloseTo(level, within(0.01));
    assertThat(l.lzeq()).isCloseTo(level, within(0.001));
    // A sample peak: 48 samples a cycle can miss the crest by up to cos(π/48), −0.02 dB.
    assertThat(l.lcpeak()).isCloseTo(20 * Math.log10(0.5), within(0.03));
    assertThat(l.lae()).isCloseTo(l.laeq(), within(1e-12));
    assertThat(l.thirdOctave().get("1000")).isCloseTo(level, within(0.05));
    assertThat(l.unit()).isEqualTo("dBFS");
    IntervalLevels cal = l.calibrated(100.0);
    assertThat(cal.laeq()).isCloseTo(l.laeq() + 100, within(1e-12));
    assertThat(cal.thirdOctave().get("1000")).isCloseTo(l.thirdOctave().get("1000") + 100, within(1e-12));
    assertThat(cal.unit()).isEqualTo("dB");
    assertThat(l.overload()).isFalse();
  }

  @Test
  void laeIsLaeqPlusTenLogT() {
    int rate = 16000;
    IntervalLevels l = LevelMeter.fromStart(rate, 10.0).push(noise(rate * 10, 3)).get(0);
    assertThat(l.lae()).isCloseTo(l.laeq() + 10, within(1e-9));
    assertThat(l.lafSamples()).hasSize(100);
  }

  /**
   * IEC 61672-1:2013, 5.9 and Table 4: the response to a 4 kHz tone burst of duration Tb, relative to
   * the steady tone's level, is 10·log10(1 − e^(−Tb/τ)) for LAFmax and LASmax and 10·log10(Tb / 1 s)
   * for LAE; class 1 limits ±0.5 dB from 1000 to 200 ms (Fast and LAE) or 1000 to 200 ms (Slow),
   * ±1.0 dB below 200 ms down to 2 ms, and +1.0/−1.5 dB below 2 ms down to 0.25 ms (Fast and LAE only).
   */
  @ParameterizedTest
  @ValueSource(ints = {16000, 48000})
  void toneBurstResponsesMeetClass1(int rate) {
    double[] bursts = {1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.25};
    double amplitude = 0.5;
    // The steady 4 kHz level through the A weighting, measured on the same meter.
    IntervalLevels steady = LevelMeter.fromSample(rate, 1.0, rate).push(sine(rate, 4000, amplitude, 2 * rate)).get(0);
    for (double ms : bursts) {
      int length = (int) Math.round(ms / 1000 * rate);
      float[] x = new float[4 * rate];
      // Start at a zero crossing: the burst is whole cycles of a sine starting at phase 0.
      int start = rate / 2;
      for (int n = 0; n < length; n++) {
        x[start + n] = (float) (amplitude * Math.sin(2 * Math.PI * 4000.0 * n / rate));
      }
      IntervalLevels l = LevelMeter.fromStart(rate, 4.0).push(x).get(0);
      double tb = ms / 1000;
      double fast = l.lafmax() - steady.laeq() - 10 * Math.log10(1 - Math.exp(-tb / 0.125));
      double slow = l.lasmax() - steady.laeq() - 10 * Math.log10(1 - Math.exp(-tb / 1.0));
      double exposure = l.lae() - steady.laeq() - 10 * Math.log10(tb);
      double up = ms >= 200 ? 0.5 : 1.0;
      double down = ms >= 200 ? -0.5 : ms >= 2 ? -1.0 : -1.5;
      assertThat(fast).as("LAFmax, %s ms burst at %d Hz", ms, rate).isBetween(down, up);
      assertThat(exposure).as("LAE, %s ms burst at %d Hz", ms, rate).isBetween(down, up);
      if (ms >= 2) {
        assertThat(slow).as("LASmax, %s ms burst at %d Hz", ms, rate).isBetween(down, up);
      }
    }
  }

  @Test
  void statisticalLevelsArePercentilesOfTheFastLevelEvery100Ms() {
    int rate = 32000;
    float[] x = noise(rate * 3, 5);
    IntervalLevels l = LevelMeter.fromStart(rate, 3.0).push(x).get(0);
    // Independently: the A-weighted signal, the Fast average per sample, every 3200th value from the 3200th.
    double[] d = new double[x.length];
    for (int n = 0; n < x.length; n++) {
      d[n] = x[n];
    }
    double[] a = Weighting.A.filter(rate).filter(d);
    double k = TimeWeighting.F.coefficient(rate);
    double f = 0;
    double max = 0;
    double min = Double.MAX_VALUE;
    List<Double> samples = new ArrayList<>();
    for (int n = 0; n < a.length; n++) {
      f += k * (a[n] * a[n] - f);
      max = Math.max(max, f);
      if (n >= Math.ceil(0.625 * rate)) {
        min = Math.min(min, f);
      }
      if ((n + 1) % (rate / 10) == 0) {
        samples.add(10 * Math.log10(f));
      }
    }
    double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(s).hasSize(30);
    assertThat(l.laf10()).isCloseTo(IntervalLevels.percentile(s, 90), within(1e-6));
    assertThat(l.laf50()).isCloseTo(IntervalLevels.percentile(s, 50), within(1e-6));
    assertThat(l.laf90()).isCloseTo(IntervalLevels.percentile(s, 10), within(1e-6));
    assertThat(l.lafmax()).isCloseTo(10 * Math.log10(max), within(1e-6));
    assertThat(l.lafmin()).isCloseTo(10 * Math.log10(min), within(1e-6));
    assertThat(l.laf10()).isGreaterThan(l.laf50()).isLessThan(l.lafmax());
  }

  @Test
  void percentileInterpolatesLinearlyLikeNumpy() {
    double[] v = {1, 2, 3, 4, 10};
    assertThat(IntervalLevels.percentile(v, 90)).isCloseTo(7.6, within(1e-12));
    assertThat(IntervalLevels.percentile(v, 50)).isEqualTo(3.0);
    assertThat(IntervalLevels.percentile(v, 10)).isCloseTo(1.4, within(1e-12));
    assertThat(IntervalLevels.percentile(new double[] {5}, 10)).isEqualTo(5.0);
  }

  /** Pink noise has equal power in every constant-percentage band: equal band levels. */
  @ParameterizedTest
  @ValueSource(ints = {16000, 44100})
  void pinkNoiseGivesEqualBandLevels(int rate) {
    // Pink by construction: 12 equal-amplitude tones per third octave, log-uniform from 10 Hz, random phases.
    int seconds = 2;
    double[] x = new double[rate * seconds];
    Random r = new Random(7);
    double top = 0.49 * rate;
    for (double hz = 10; hz < top; hz *= Math.pow(10, 0.1 / 12)) {
      // Each tone by a rotating phasor, cheaper than a sine per sample.
      double w = 2 * Math.PI * hz / rate;
      double phase = r.nextDouble() * 2 * Math.PI;
      double re = Math.cos(phase);
      double im = Math.sin(phase);
      double cw = Math.cos(w);
      double sw = Math.sin(w);
      for (int n = 0; n < x.length; n++) {
        x[n] += im;
        double t = re * cw - im * sw;
        im = re * sw + im * cw;
        re = t;
      }
    }
    float[] y = new float[x.length];
    for (int n = 0; n < y.length; n++) {
      y[n] = (float) (x[n] * 0.004);
    }
    // The first second settles the filters; the next second is measured.
    IntervalLevels l = LevelMeter.fromSample(rate, 1.0, rate).push(y).get(0);
    double reference = l.thirdOctave().get("1000");
    l.thirdOctave().forEach((band, level) -> {
      if (Double.parseDouble(band) >= 50) {
        assertThat(level).as("band %s at %d Hz", band, rate).isCloseTo(reference, within(0.5));
      }
    });
  }

  @Test
  void clippedSamplesFlagOverload() {
    float[] x = sine(16000, 500, 1.2, 16000);
    for (int n = 0; n < x.length; n++) {
      x[n] = Math.max(-1f, Math.min(1f, x[n]));
    }
    assertThat(LevelMeter.fromStart(16000, 1.0).push(x).get(0).overload()).isTrue();
  }
}
