package io.soundtag.trainer.protocol;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean with a two-sided Student t confidence interval, {@code mean ± t(1 − α/2, n − 1) · sd / √n}
 * with sd the sample standard deviation (n − 1); for the protocol's scores and for the paired
 * differences of a method's score minus the baseline's on the same fold and seed. It treats the pairs as independent, which folds that
 * share training clips are not quite, so the interval is if anything too narrow.
 *
 * @param mean the mean
 * @param low lower end of the interval
 * @param high upper end
 * @param n number of values
 * @param confidence the interval's coverage, e.g. 0.95
 */
public record MeanInterval(double mean, double low, double high, int n, double confidence) {

  /**
   * The interval of the mean of {@code values}. A single value has no spread to estimate: its interval is (NaN, NaN).
   *
   * @throws IllegalArgumentException for no values or a confidence outside (0, 1)
   */
  public static MeanInterval of(List<Double> values, double confidence) {
    int n = values.size();
    if (n < 1) {
      throw new IllegalArgumentException("a mean needs at least one value");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    if (n == 1) {
      return new MeanInterval(mean, Double.NaN, Double.NaN, 1, confidence);
    }
    double ss = values.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
    double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    return new MeanInterval(mean, mean - t * se, mean + t * se, n, confidence);
  }

  /** Whether the whole interval lies above zero. */
  public boolean excludesZeroAbove() {
    return low > 0;
  }
}
