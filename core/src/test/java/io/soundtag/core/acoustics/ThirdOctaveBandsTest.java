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
      for (int j = 0; j < OCTAVE_X.length; j++) {
        double omega = breakpoint(OCTAVE_X[j]);
        for (double hz : new double[] {band.midHz() * omega, band.midHz() / omega}) {
          if (hz >= rate / 2.0) {
            continue;
          }
          // The whole multirate path: anti-alias filters, decimations and the band filter at its stage's rate.
          double attenuation = -tob.responseDb(i, hz);
          assertThat(attenuation).as("band %s at %.1f Hz (Ω %.4f), %d Hz rate", band.nominal(), hz, omega, rate)
              .isBetween(LEAST[j], MOST[j]);
        }
      }
    }
  }

  /**
   * Between and beyond the breakpoints, up to fs/2, no band lets through more than the least
   * attenuation of the breakpoint below: what the decimations fold down must not reach a band.
   */
  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void nothingAliasesIntoABand(int rate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(rate);
    assertThat(tob.decimations()).isPositive();
    for (int i = 0; i < tob.bands().size(); i++) {
      ThirdOctaveBands.Band band = tob.bands().get(i);
      for (int p = 0; p <= 4000; p++) {
        double hz = 10 * Math.pow(rate / 2.0 / 10, p / 4000.0) * (1 - 1e-9);
        double ratio = Math.max(hz / band.midHz(), band.midHz() / hz);
        int j = 0;
        while (j + 1 < OCTAVE_X.length && breakpoint(OCTAVE_X[j + 1]) <= ratio) {
          j++;
        }
        if (j >= 4) {
          assertThat(-tob.responseDb(i, hz)).as("band %s at %.1f Hz, %d Hz rate", band.nominal(), hz, rate)
              .isGreaterThanOrEqualTo(LEAST[j]);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 48000})
  void theAntiAliasLowPassIsFlatWhereBandsAreAndStopsWhereItWouldFoldOntoThem(int rate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(rate);
    for (int s = 0; s < tob.decimations(); s++) {
      double r = tob.stageRate(s);
      Sections aa = tob.antiAlias(s);
      assertThat(aa.gainDb(0.1125 * r, r)).isBetween(-0.003, 0.0);
      assertThat(aa.gainDb(1e-3 * r, r)).isCloseTo(0, within(1e-9));
      for (double f = 0.39; f < 0.5; f += 0.005) {
        assertThat(aa.gainDb(f * r, r)).isLessThan(-73);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 48000})
  void eachBandRunsAtTheLowestRateThatKeepsItsUpperEdgeBelow225Thousandths(int rate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(rate);
    for (int i = 0; i < tob.bands().size(); i++) {
      ThirdOctaveBands.Band band = tob.bands().get(i);
      int s = tob.stage(i);
      if (s > 0) {
        assertThat(band.upperHz()).isLessThan(0.225 * tob.stageRate(s));
      }
      assertThat(band.upperHz()).as("band %s", band.nominal()).isGreaterThanOrEqualTo(0.225 * tob.stageRate(s + 1));
    }
    assertThat(tob.stage(tob.bands().size() - 1)).isZero();
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
      if (band.upperHz() < 0.2 * tob.stageRate(tob.stage(i))) {
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
    for (int i = 0; i < tob.bands().size(); i++) {
      ThirdOctaveBands.Band band = tob.bands().get(i);
      // The anti-alias filters droop at most 0.002 dB where bands are.
      assertThat(tob.responseDb(i, band.lowerHz())).isCloseTo(-3.0103, within(0.003));
      assertThat(tob.responseDb(i, band.upperHz())).isCloseTo(-3.0103, within(0.003));
      assertThat(tob.responseDb(i, band.midHz())).isCloseTo(0, within(0.1));
    }
  }
}
