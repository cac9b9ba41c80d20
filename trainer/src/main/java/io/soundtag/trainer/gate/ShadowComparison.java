package io.soundtag.trainer.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Candidate and served model on the same recent live windows (a shadow run): how often each
 * would raise each tag, and how often they agree. Tags are scores at or above each model's own
 * per-class threshold, as the tagger raises them.
 *
 * @param windows live windows scored
 * @param candidateRate class → share of windows the candidate tags with it
 * @param servedRate class → share of windows the served model tags with it ({@code NaN} for a class
 *     it does not know)
 * @param agreement share of windows on which both raise exactly the same tags
 */
public record ShadowComparison(int windows, Map<String, Double> candidateRate, Map<String, Double> servedRate, double agreement) {

  /** Prefix of the per-class tag-rate keys in {@link #candidateMap()} and {@link #servedMap()}. */
  public static final String RATE_PREFIX = "shadow_rate.";

  public ShadowComparison {
    candidateRate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(candidateRate));
    servedRate = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servedRate));
  }

  /**
   * Compares two models' window scores.
   *
   * @param classes the candidate's classes, in its score order
   * @param candidateScores {@code [window][class]} in {@code classes} order
   * @param candidateThresholds per-class thresholds of the candidate
   * @param servedClasses the served model's classes, in its score order
   * @param servedScores {@code [window][class]} in {@code servedClasses} order, same windows
   * @param servedThresholds per-class thresholds of the served model
   */
  public static ShadowComparison of(List<String> classes, float[][] candidateScores, List<Double> candidateThresholds,
      List<String> servedClasses, float[][] servedScores, List<Double> servedThresholds) {
    if (candidateScores.length != servedScores.length) {
      throw new IllegalArgumentException("both models must score the same windows: " + candidateScores.length + " vs "
          + servedScores.length);
    }
    List<String> all = new ArrayList<>(classes);
    servedClasses.stream().filter(c -> !all.contains(c)).forEach(all::add);
    int n = candidateScores.length;
    Map<String, Double> cRate = new LinkedHashMap<>();
    Map<String, Double> sRate = new LinkedHashMap<>();
    long[] cCount = new long[all.size()];
    long[] sCount = new long[all.size()];
    long agree = 0;
    for (int w = 0; w < n; w++) {
      boolean same = true;
      for (int k = 0; k < all.size(); k++) {
        boolean c = tagged(all.get(k), classes, candidateScores[w], candidateThresholds);
        boolean s = tagged(all.get(k), servedClasses, servedScores[w], servedThresholds);
        cCount[k] += c ? 1 : 0;
        sCount[k] += s ? 1 : 0;
        same &= c == s;
      }
      agree += same ? 1 : 0;
    }
    for (int k = 0; k < all.size(); k++) {
      String cls = all.get(k);
      cRate.put(cls, classes.contains(cls) && n > 0 ? (double) cCount[k] / n : Double.NaN);
      sRate.put(cls, servedClasses.contains(cls) && n > 0 ? (double) sCount[k] / n : Double.NaN);
    }
    return new ShadowComparison(n, cRate, sRate, n == 0 ? Double.NaN : (double) agree / n);
  }

  private static boolean tagged(String cls, List<String> classes, float[] scores, List<Double> thresholds) {
    int k = classes.indexOf(cls);
    return k >= 0 && scores[k] >= thresholds.get(k);
  }

  /** The candidate's side as a release records it: {@code shadow_windows}, {@code shadow_agreement}, {@code shadow_rate.CLASS}. */
  public Map<String, Double> candidateMap() {
    return map(candidateRate);
  }

  /** The served model's side, under the same keys. */
  public Map<String, Double> servedMap() {
    return map(servedRate);
  }

  private Map<String, Double> map(Map<String, Double> rates) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("shadow_windows", (double) windows);
    if (Double.isFinite(agreement)) {
      m.put("shadow_agreement", agreement);
    }
    rates.forEach((c, r) -> {
      if (Double.isFinite(r)) {
        m.put(RATE_PREFIX + c, r);
      }
    });
    return m;
  }

  /**
   * Lines an operator reads before a promotion, e.g. {@code gunshot: candidate 3.0× the served
   * rate (6.0 % vs 2.0 % of windows)}; classes whose rate moves by less than a quarter are left out.
   */
  public List<String> notableChanges() {
    List<String> lines = new ArrayList<>();
    if (windows == 0) {
      lines.add("shadow run: no recent live audio on the chunks topic to compare the models on");
      return lines;
    }
    lines.add(String.format(Locale.ROOT, "shadow run on %d live windows: the models agree on %.1f %% of them", windows,
        100 * agreement));
    candidateRate.forEach((cls, c) -> {
      double s = servedRate.getOrDefault(cls, Double.NaN);
      if (!Double.isFinite(s)) {
        lines.add(String.format(Locale.ROOT, "%s: new class, the candidate would tag %.1f %% of windows", cls, 100 * c));
      } else if (Double.isFinite(c) && Math.abs(c - s) > 0.25 * Math.max(s, 0.01)) {
        String ratio = s > 0 ? String.format(Locale.ROOT, "%.1f× the served rate", c / s) : "from none";
        lines.add(String.format(Locale.ROOT, "%s: candidate %s (%.1f %% vs %.1f %% of windows)", cls, ratio, 100 * c, 100 * s));
      }
    });
    return lines;
  }
}
