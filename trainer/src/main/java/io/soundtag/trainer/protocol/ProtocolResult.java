package io.soundtag.trainer.protocol;

import java.util.List;
import java.util.Locale;

/**
 * What the protocol measured: every run, and per method its mean scores, the paired differences
 * against the student trained alone, and its cost.
 *
 * @param data the dataset and its size
 * @param settings the protocol's settings, as text (folds, seeds, recipe hash, interval)
 * @param runs every (method, fold, seed) run
 * @param methods one summary per method, in the order asked for
 * @param wallSeconds wall time of the whole protocol
 */
public record ProtocolResult(String data, String settings, List<Run> runs, List<MethodSummary> methods, long wallSeconds) {

  public ProtocolResult {
    runs = List.copyOf(runs);
    methods = List.copyOf(methods);
  }

  /**
   * One trained model scored on its fold's test clips.
   *
   * @param method the method's {@link ProtocolMethod#cliName()}
   * @param fold test fold, 0-based
   * @param seed training seed
   * @param accuracy clip accuracy
   * @param mapAt3 clip mAP@3
   * @param testClips the fold's test clips
   * @param seconds wall time of the run
   */
  public record Run(String method, int fold, long seed, double accuracy, double mapAt3, int testClips, long seconds) {}

  /**
   * A method over every fold and seed.
   *
   * @param method the method's name
   * @param accuracy mean accuracy with a t-interval over its runs
   * @param mapAt3 mean mAP@3 with a t-interval over its runs
   * @param accuracyGain paired accuracy differences (method − alone), null for the baseline itself
   * @param mapAt3Gain paired mAP@3 differences, null for the baseline itself
   * @param parameters parameters of the served network(s)
   * @param macsPerWindow multiply-accumulates per input window
   * @param bundleBytes size of the first fold's first-seed bundle file
   */
  public record MethodSummary(String method, MeanInterval accuracy, MeanInterval mapAt3, MeanInterval accuracyGain,
      MeanInterval mapAt3Gain, long parameters, long macsPerWindow, long bundleBytes) {}

  /** The table as Markdown: one row per method, scores and gains in points with their intervals. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| method | accuracy | mAP@3 | Δ accuracy vs alone | Δ mAP@3 vs alone | parameters | MACs per window | bundle bytes |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (MethodSummary m : methods) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %,d | %,d | %,d |%n", m.method(), points(m.accuracy(), false),
          points(m.mapAt3(), false), points(m.accuracyGain(), true), points(m.mapAt3Gain(), true), m.parameters(),
          m.macsPerWindow(), m.bundleBytes()));
    }
    return out.toString();
  }

  private static String points(MeanInterval i, boolean signed) {
    if (i == null) {
      return "—";
    }
    String f = signed ? "%+.1f [%+.1f, %+.1f]" : "%.1f [%.1f, %.1f]";
    return String.format(Locale.ROOT, f, 100 * i.mean(), 100 * i.low(), 100 * i.high());
  }
}
