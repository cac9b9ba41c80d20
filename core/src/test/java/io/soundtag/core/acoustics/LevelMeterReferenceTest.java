package io.soundtag.core.acoustics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The meter against levels computed by {@code src/test/fixtures/make_level_fixtures.py} with
 * NumPy and SciPy from the definitions: the analogue A and C weightings of IEC 61672-1 (applied
 * in the frequency domain, with their phase), per-sample exponential averaging, numpy percentiles,
 * SciPy's Butterworth band-passes. The signals are generated here by the same formulas.
 */
class LevelMeterReferenceTest {

  private static final Path FIXTURES = Path.of("src/test/fixtures/levels");
  private static final int SECONDS = 3;

  static float[] make(String name, int rate) {
    int n = rate * SECONDS;
    float[] x = new float[n];
    if (name.equals("noise")) {
      long s = 12345;
      for (int i = 0; i < n; i++) {
        s = s * 6364136223846793005L + 1442695040888963407L;
        double u = (s >>> 11) / (double) (1L << 53) - 0.5;
        double t = i / (double) rate;
        x[i] = (float) (u * (0.2 + 0.8 * (t > 1.3 && t < 1.6 ? 1 : 0)));
      }
      return x;
    }
    for (int i = 0; i < n; i++) {
      double t = i / (double) rate;
      double v;
      if (name.equals("tones")) {
        v = (0.3 * Math.sin(2 * Math.PI * 63 * t) + 0.1 * Math.sin(2 * Math.PI * 1000 * t)
            + 0.05 * Math.sin(2 * Math.PI * 4000 * t)) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.7 * t));
      } else {
        double f0 = 20;
        double f1 = 0.45 * rate;
        double k = Math.log(f1 / f0) / SECONDS;
        v = 0.25 * Math.sin(2 * Math.PI * f0 * (Math.exp(k * t) - 1) / k);
      }
      x[i] = (float) v;
    }
    return x;
  }

  @ParameterizedTest
  @CsvSource({"tones,16000", "sweep,16000", "noise,16000", "tones,22050", "sweep,22050", "noise,22050",
      "tones,48000", "sweep,48000", "noise,48000"})
  void levelsMatchTheScipyReference(String name, int rate) throws IOException {
    JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve(name + "_" + rate + ".json").toFile());
    List<IntervalLevels> got = LevelMeter.fromStart(rate, 1.0).push(make(name, rate));
    assertThat(got).hasSize(expected.size());
    for (int i = 0; i < got.size(); i++) {
      IntervalLevels l = got.get(i);
      JsonNode e = expected.get(i);
      String at = name + " at " + rate + " Hz, interval " + i + ": ";
      // Digital against analogue weighting: within the weighting's own error on broadband signals.
      assertThat(l.laeq()).as(at + "LAeq").isCloseTo(e.get("LAeq").asDouble(), within(0.1));
      assertThat(l.lceq()).as(at + "LCeq").isCloseTo(e.get("LCeq").asDouble(), within(0.1));
      assertThat(l.lzeq()).as(at + "LZeq").isCloseTo(e.get("LZeq").asDouble(), within(1e-6));
      assertThat(l.lae()).as(at + "LAE").isCloseTo(e.get("LAE").asDouble(), within(0.1));
      assertThat(l.lafmax()).as(at + "LAFmax").isCloseTo(e.get("LAFmax").asDouble(), within(0.1));
      assertThat(l.lasmax()).as(at + "LASmax").isCloseTo(e.get("LASmax").asDouble(), within(0.1));
      assertThat(l.laf10()).as(at + "LAF10").isCloseTo(e.get("LAF10").asDouble(), within(0.1));
      assertThat(l.laf50()).as(at + "LAF50").isCloseTo(e.get("LAF50").asDouble(), within(0.1));
      assertThat(l.laf90()).as(at + "LAF90").isCloseTo(e.get("LAF90").asDouble(), within(0.1));
      // Minima and peaks depend on phase, where a digital filter differs most from the analogue one.
      assertThat(l.lafmin()).as(at + "LAFmin").isCloseTo(e.get("LAFmin").asDouble(), within(0.3));
      if (!name.equals("noise")) {
        // White noise reaches Nyquist, where the reference's frequency-domain C weighting is cut off with
        // −2.5 dB and a large phase at 16 kHz: its sample peaks ring (0.16 out of a 0.1 input), so no peak reference.
        assertThat(l.lcpeak()).as(at + "LCpeak").isCloseTo(e.get("LCpeak").asDouble(), within(0.3));
      }
      JsonNode bands = e.get("third_octave");
      assertThat(l.thirdOctave().keySet()).containsExactlyElementsOf(() -> bands.fieldNames());
      for (var band : l.thirdOctave().entrySet()) {
        // The same filter design, so the same numbers but for rounding, except far below a band's level.
        double ref = bands.get(band.getKey()).asDouble();
        assertThat(band.getValue()).as(at + "band " + band.getKey()).isCloseTo(ref, within(ref < -100 ? 0.5 : 0.001));
      }
    }
  }
}
