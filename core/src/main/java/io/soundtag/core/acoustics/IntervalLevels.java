package io.soundtag.core.acoustics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The levels of one interval, in dB when calibrated and dBFS when not (see {@link #unit()}).
 *
 * @param startSample the interval's first sample, counted from the meter's first sample
 * @param endSample just after its last sample
 * @param sampleRate the samples' rate
 * @param calibrationDb the calibration C added to every level; null when uncalibrated (C = 0)
 * @param laeq A-weighted equivalent level LAeq,T
 * @param lceq C-weighted LCeq,T
 * @param lzeq unweighted LZeq,T
 * @param lae sound exposure level LAeq,T + 10·log10(T / 1 s)
 * @param lafmax maximum of the per-sample A-weighted Fast level
 * @param lasmax maximum of the per-sample A-weighted Slow level
 * @param lafmin minimum of the per-sample A-weighted Fast level (after the meter's first 0.625 s, see {@link LevelMeter})
 * @param lcpeak 20·log10 of the largest |C-weighted sample|, plus C
 * @param laf10 the LAF level exceeded 10 % of the time (90th percentile of the 100 ms samples)
 * @param laf50 the median of the 100 ms LAF samples
 * @param laf90 the LAF level exceeded 90 % of the time (10th percentile)
 * @param thirdOctave Z-weighted band levels by nominal mid-band frequency ("25" … "10000"), lowest first
 * @param overload whether any sample reached {@link LevelMeter#OVERLOAD_FULL_SCALE} of full scale (clipping)
 * @param lafSamples LAF at the end of each 100 ms of the interval, with C
 * @param periodMeanSquares A-weighted mean square of each 100 ms of the interval (full scale 1, without C)
 */
public record IntervalLevels(
    long startSample, long endSample, int sampleRate, Double calibrationDb,
    double laeq, double lceq, double lzeq, double lae, double lafmax, double lasmax, double lafmin, double lcpeak,
    double laf10, double laf50, double laf90, Map<String, Double> thirdOctave, boolean overload,
    double[] lafSamples, double[] periodMeanSquares) {

  public IntervalLevels {
    thirdOctave = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thirdOctave));
  }

  /** "dB" when calibrated, "dBFS" when not. */
  public String unit() {
    return calibrationDb == null ? "dBFS" : "dB";
  }

  /** The interval's duration in seconds. */
  public double seconds() {
    return (endSample - startSample) / (double) sampleRate;
  }

  /** The same levels with calibration {@code c} (null: uncalibrated) in place of this one's. */
  public IntervalLevels calibrated(Double c) {
    double shift = (c == null ? 0 : c) - (calibrationDb == null ? 0 : calibrationDb);
    Map<String, Double> bands = new LinkedHashMap<>();
    thirdOctave.forEach((k, v) -> bands.put(k, v + shift));
    double[] laf = lafSamples.clone();
    for (int i = 0; i < laf.length; i++) {
      laf[i] += shift;
    }
    return new IntervalLevels(startSample, endSample, sampleRate, c, laeq + shift, lceq + shift, lzeq + shift,
        lae + shift, lafmax + shift, lasmax + shift, lafmin + shift, lcpeak + shift, laf10 + shift, laf50 + shift,
        laf90 + shift, bands, overload, laf, periodMeanSquares);
  }

  /**
   * The value at percentile {@code p} (0…100) of {@code values}, interpolated linearly between
   * the closest ranks as NumPy's {@code percentile} does by default.
   */
  public static double percentile(double[] values, double p) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to take a percentile of");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
