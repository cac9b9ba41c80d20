package io.soundtag.trainer.report;

import java.util.List;

/**
 * One row of Gao et al.'s results table (its Tables I–V): a branch trained {@code "independent"}ly
 * or {@code "distilled"}, or the {@code "ensemble"}, with its test scores over several seeds.
 *
 * @param model branch name (input representation and network), or {@code "ensemble"}
 * @param training {@code "independent"}, {@code "distilled"} or {@code "ensemble"}
 * @param accuracyPerSeed test accuracy of each seed's run
 * @param mapAt3PerSeed test mAP@3 of each seed's run
 */
public record ResultRow(String model, String training, List<Double> accuracyPerSeed, List<Double> mapAt3PerSeed) {

  public ResultRow {
    accuracyPerSeed = List.copyOf(accuracyPerSeed);
    mapAt3PerSeed = List.copyOf(mapAt3PerSeed);
  }

  public double accuracyMean() {
    return mean(accuracyPerSeed);
  }

  public double accuracySd() {
    return sd(accuracyPerSeed);
  }

  public double mapAt3Mean() {
    return mean(mapAt3PerSeed);
  }

  public double mapAt3Sd() {
    return sd(mapAt3PerSeed);
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n − 1); 0 for a single seed. */
  static double sd(List<Double> values) {
    if (values.size() < 2) {
      return values.isEmpty() ? Double.NaN : 0;
    }
    double m = mean(values);
    double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
    return Math.sqrt(ss / (values.size() - 1));
  }
}
