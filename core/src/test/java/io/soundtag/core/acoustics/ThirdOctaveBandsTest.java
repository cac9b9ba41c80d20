package io.soundtag.core.acoustics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThirdOctaveBandsTest {

  private static final double G = Math.pow(10, 0.3);

  /**
   * IEC 61260-1:2014 Table 1, class 1 limits on the relative attenuation of an octave-band filter,
   * at the normalised frequencies G^x for x = 0, 1/8, 1/4, 3/8, 1/2, 1, 2, 3, 4: the least and most
   * attenuation allowed (dB; ∞ written as 1000). At exactly the band edge (x = 1/2) both the
   * pass-band limit and the first stop-band limit apply: 2.0 to 5.0 dB.
   */
  private static final double[] OCTAVE_X = {0, 1 / 8.0, 1 / 4.0, 3 / 8.0, 1 / 2.0, 1, 2, 3, 4};
  private static final double[] LEAST = {-0.3, -0.3, -0.3, -0.3, 2.0, 17.5, 42.0, 61.0, 70.0};
  private static final double[] MOST = {0.3, 0.4, 0.6, 1.3, 5.0, 1000, 1000, 1000, 1000};

  /**
   * The one-third-octave breakpoint for an octave breakpoint G^x (IEC 61260-1:2014, 5.10):
   * {@code 1 + ((G^(1/(2b)) − 1)/(G^(1/2) − 1))·(G^x − 1)} above the mid-band, its reciprocal below, b = 3.
   */
  private static double breakpoint(double x) {
    return 1 + (Math.pow(G, 1 / 6.0) - 1) / (Math.pow(G, 0.5) - 1) * (Math.pow(G, x) - 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void everyBandMeetsClass1AtItsBreakpoints(int rate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(rate);
    for (int i = 0; i < tob.bands().size(); i++) {
      ThirdOctaveBands.Band band = tob.bands().get(i);
      Sections f = tob.filter(i);
      for (int j = 0; j < OCTAVE_X.length; j++) {
        double omega = breakpoint(OCTAVE_X[j]);
        for (double hz : new double[] {band.midHz() * omega, band.midHz() / omega}) {
          if (hz >= rate / 2.0) {
            continue;
          }
          double attenuation = -f.gainDb(hz, rate);
          assertThat(attenuation).as("band %s at %.1f Hz (Ω %.4f), %d Hz rate", band.nominal(), hz, omega, rate)
              .isBetween(LEAST[j], MOST[j]);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void bandsAreBaseTenAndStopBelow45PercentOfTheRate(int rate) {
    List<ThirdOctaveBands.Band> bands = ThirdOctaveBands.at(rate).bands();
    assertThat(bands.get(0).nominal()).isEqualTo("25");
    assertThat(bands.get(0).midHz()).isCloseTo(1000 * Math.pow(10, -1.6), within(1e-9));
    for (ThirdOctaveBands.Band b : bands) {
      assertThat(b.upperHz()).isLessThan(0.45 * rate);
      assertThat(b.upperHz() / b.midHz()).isCloseTo(Math.pow(10, 0.05), within(1e-12));
      assertThat(b.midHz() / b.lowerHz()).isCloseTo(Math.pow(10, 0.05), within(1e-12));
    }
    ThirdOctaveBands.Band last = bands.get(bands.size() - 1);
    if (last.index() < ThirdOctaveBands.LAST) {
      assertThat(ThirdOctaveBands.band(last.index() + 1).upperHz()).isGreaterThanOrEqualTo(0.45 * rate);
    }
    String expectedLast = switch (rate) {
      case 16000 -> "6300";
      case 22050 -> "8000";
      default -> "10000";
    };
    assertThat(last.nominal()).isEqualTo(expectedLast);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void order3IsUsedWhereverItMeetsClass1(int rate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(rate);
    int higher = 0;
    for (int i = 0; i < tob.bands().size(); i++) {
      ThirdOctaveBands.Band band = tob.bands().get(i);
      if (band.upperHz() < 0.2 * rate) {
        assertThat(tob.filter(i).size()).as("band %s", band.nominal()).isEqualTo(3);
      }
      higher += tob.filter(i).size() > 3 ? 1 : 0;
    }
    assertThat(higher).isLessThanOrEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 48000})
  void aToneAtTheMidBandAndAtTheEdgesReadsZeroAndMinusThreeDecibels(int rate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(rate);
    for (int i = 0; i < tob.bands().size(); i += 4) {
      ThirdOctaveBands.Band band = tob.bands().get(i);
      assertThat(tob.filter(i).gainDb(band.lowerHz(), rate)).isCloseTo(-3.0103, within(0.001));
      assertThat(tob.filter(i).gainDb(band.upperHz(), rate)).isCloseTo(-3.0103, within(0.001));
      assertThat(tob.filter(i).gainDb(band.midHz(), rate)).isCloseTo(0, within(0.1));
    }
  }
}
