package io.soundtag.trainer.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model measured as it is served, at its own thresholds, on clips some of which are of none of
 * its classes: what an operator sees. A clip raises a tag when any class's clip score (the maximum
 * over its windows, as multi-label clips are pooled) is at or above that class's threshold.
 *
 * @param classes the model's classes
 * @param thresholds its per-class thresholds
 * @param perClass per class: clips of it, clips tagged with it, of those the right ones, precision, recall
 * @param inClassClips clips of one of the classes
 * @param top1 share of those whose best-scored class is theirs, whatever the thresholds
 * @param outOfClassClips clips of none of the classes
 * @param falseAlarmRate share of those that raise any tag
 * @param falseAlarmsByLabel per dataset label of the out-of-class clips: clips and how many raised a tag
 * @param quietWindows quiet ambience windows scored (0: not measured)
 * @param quietFalseAlarmRate share of those that raise any tag (NaN when not measured)
 * @param coarse the same figures for the coarse groups (a group's score is its best class's; it is
 *     tagged when any of its classes is); null when the model has no coarse taxonomy
 */
public record OpenSetReport(
    List<String> classes,
    List<Double> thresholds,
    Map<String, ClassFigures> perClass,
    int inClassClips,
    double top1,
    int outOfClassClips,
    double falseAlarmRate,
    Map<String, int[]> falseAlarmsByLabel,
    int quietWindows,
    double quietFalseAlarmRate,
    OpenSetReport coarse) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Precision and recall of one class at its threshold.
   *
   * @param clips clips of the class
   * @param tagged clips tagged with it
   * @param correct tagged clips that are of it
   */
  public record ClassFigures(int clips, int tagged, int correct) {
    public double precision() {
      return tagged == 0 ? Double.NaN : (double) correct / tagged;
    }

    public double recall() {
      return clips == 0 ? Double.NaN : (double) correct / clips;
    }
  }

  /**
   * @param clipScores {@code [clip][class]}, pooled per clip
   * @param clipTargets targets over {@code classes}; all zero for a clip of none of them
   * @param sourceLabels each clip's dataset label, for the false alarms by label; null to leave them out
   * @param quietScores window scores of quiet ambience windows; null when not measured
   * @param coarseOf class → coarse group; empty for none
   */
  public static OpenSetReport of(List<String> classes, List<Double> thresholds, float[][] clipScores, float[][] clipTargets,
      List<String> sourceLabels, float[][] quietScores, Map<String, String> coarseOf) {
    OpenSetReport fine = flat(classes, thresholds, clipScores, clipTargets, sourceLabels, quietScores);
    if (coarseOf.isEmpty()) {
      return fine;
    }
    List<String> groups = new ArrayList<>(new LinkedHashSet<>(classes.stream().map(coarseOf::get).toList()));
    int[] groupOf = classes.stream().mapToInt(c -> groups.indexOf(coarseOf.get(c))).toArray();
    // a group is tagged when any member is: score each member relative to its threshold, a group's best
    float[][] coarseScores = toGroups(clipScores, groupOf, groups.size(), thresholds, false);
    float[][] coarseTargets = toGroups(clipTargets, groupOf, groups.size(), null, true);
    float[][] coarseQuiet = quietScores == null ? null : toGroups(quietScores, groupOf, groups.size(), thresholds, false);
    List<Double> half = groups.stream().map(g -> 0.5).toList();
    OpenSetReport tagged = flat(groups, half, coarseScores, coarseTargets, sourceLabels, coarseQuiet);
    OpenSetReport coarse = new OpenSetReport(tagged.classes, tagged.thresholds, tagged.perClass, tagged.inClassClips,
        coarseTop1(clipScores, clipTargets, groupOf), tagged.outOfClassClips, tagged.falseAlarmRate, tagged.falseAlarmsByLabel,
        tagged.quietWindows, tagged.quietFalseAlarmRate, null);
    return new OpenSetReport(fine.classes, fine.thresholds, fine.perClass, fine.inClassClips, fine.top1, fine.outOfClassClips,
        fine.falseAlarmRate, fine.falseAlarmsByLabel, fine.quietWindows, fine.quietFalseAlarmRate, coarse);
  }

  /** Share of in-class clips whose best-scored class (raw scores) is in a group of one of their classes. */
  private static double coarseTop1(float[][] scores, float[][] targets, int[] groupOf) {
    int n = 0;
    int right = 0;
    for (int i = 0; i < scores.length; i++) {
      int best = 0;
      boolean positive = false;
      for (int c = 0; c < groupOf.length; c++) {
        positive |= targets[i][c] > 0.5f;
        if (scores[i][c] > scores[i][best]) {
          best = c;
        }
      }
      if (!positive) {
        continue;
      }
      n++;
      for (int c = 0; c < groupOf.length; c++) {
        if (targets[i][c] > 0.5f && groupOf[c] == groupOf[best]) {
          right++;
          break;
        }
      }
    }
    return n == 0 ? Double.NaN : (double) right / n;
  }

  /**
   * Per group the best member's score mapped so that its threshold lands on 0.5 (targets: the
   * members' maximum), so one 0.5 threshold per group tags exactly when a member is tagged.
   */
  private static float[][] toGroups(float[][] rows, int[] groupOf, int groups, List<Double> thresholds, boolean max) {
    float[][] out = new float[rows.length][groups];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < groupOf.length; c++) {
        float v = max ? rows[i][c] : (float) relative(rows[i][c], thresholds.get(c));
        out[i][groupOf[c]] = Math.max(out[i][groupOf[c]], v);
      }
    }
    return out;
  }

  /** Maps [0, t) onto [0, 0.5) and [t, 1] onto [0.5, 1]. */
  private static double relative(double score, double threshold) {
    if (score >= threshold) {
      return threshold >= 1 ? 1 : 0.5 + 0.5 * (score - threshold) / (1 - threshold);
    }
    return 0.5 * score / threshold;
  }

  private static OpenSetReport flat(List<String> classes, List<Double> thresholds, float[][] scores, float[][] targets,
      List<String> sourceLabels, float[][] quietScores) {
    int k = classes.size();
    int[] clips = new int[k];
    int[] tagged = new int[k];
    int[] correct = new int[k];
    int inClass = 0;
    int top1Right = 0;
    int outOfClass = 0;
    int alarms = 0;
    Map<String, int[]> byLabel = new LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      boolean any = false;
      int best = 0;
      boolean positive = false;
      for (int c = 0; c < k; c++) {
        boolean isC = targets[i][c] > 0.5f;
        boolean tag = scores[i][c] >= thresholds.get(c);
        positive |= isC;
        any |= tag;
        if (isC) {
          clips[c]++;
        }
        if (tag) {
          tagged[c]++;
          if (isC) {
            correct[c]++;
          }
        }
        if (scores[i][c] > scores[i][best]) {
          best = c;
        }
      }
      if (positive) {
        inClass++;
        if (targets[i][best] > 0.5f) {
          top1Right++;
        }
      } else {
        outOfClass++;
        if (any) {
          alarms++;
        }
        if (sourceLabels != null) {
          int[] counts = byLabel.computeIfAbsent(sourceLabels.get(i), l -> new int[2]);
          counts[0]++;
          counts[1] += any ? 1 : 0;
        }
      }
    }
    Map<String, ClassFigures> perClass = new LinkedHashMap<>();
    for (int c = 0; c < k; c++) {
      perClass.put(classes.get(c), new ClassFigures(clips[c], tagged[c], correct[c]));
    }
    int quiet = 0;
    int quietAlarms = 0;
    if (quietScores != null) {
      for (float[] row : quietScores) {
        quiet++;
        if (TagDecision.raisesATag(row, thresholds)) {
          quietAlarms++;
        }
      }
    }
    return new OpenSetReport(classes, thresholds, perClass, inClass, inClass == 0 ? Double.NaN : (double) top1Right / inClass,
        outOfClass, outOfClass == 0 ? Double.NaN : (double) alarms / outOfClass, byLabel, quiet,
        quiet == 0 ? Double.NaN : (double) quietAlarms / quiet, null);
  }

  /** Lines for a terminal: the headline figures, then one line per class. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "open set, at the model's thresholds: top-1 %s on %d clips of its classes; "
        + "out-of-class clips raising a tag %s of %d; quiet ambience windows raising a tag %s of %d%n",
        pct(top1), inClassClips, pct(falseAlarmRate), outOfClassClips, pct(quietFalseAlarmRate), quietWindows));
    perClass.forEach((name, f) -> b.append(String.format(Locale.ROOT, "  %-16s threshold %.3f  clips %3d  tagged %3d  precision %s  recall %s%n",
        name, thresholds.get(classes.indexOf(name)), f.clips(), f.tagged(), pct(f.precision()), pct(f.recall()))));
    falseAlarmsByLabel.forEach((label, n) -> b.append(String.format(Locale.ROOT, "  out of class %-12s %d of %d clips raise a tag%n",
        label, n[1], n[0])));
    if (coarse != null) {
      b.append(String.format(Locale.ROOT, "coarse groups: top-1 %s%n", pct(coarse.top1)));
      coarse.perClass.forEach((name, f) -> b.append(String.format(Locale.ROOT, "  %-16s clips %3d  tagged %3d  precision %s  recall %s%n",
          name, f.clips(), f.tagged(), pct(f.precision()), pct(f.recall()))));
    }
    return b.toString();
  }

  /** The JSON document: the fields above, per-class figures with precision and recall. */
  public Map<String, Object> toJsonTree() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("in_class_clips", inClassClips);
    doc.put("top1", finite(top1));
    doc.put("out_of_class_clips", outOfClassClips);
    doc.put("out_of_class_false_alarm_rate", finite(falseAlarmRate));
    doc.put("quiet_windows", quietWindows);
    doc.put("quiet_false_alarm_rate", finite(quietFalseAlarmRate));
    Map<String, Object> per = new LinkedHashMap<>();
    perClass.forEach((name, f) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("threshold", thresholds.get(classes.indexOf(name)));
      row.put("clips", f.clips());
      row.put("tagged", f.tagged());
      row.put("correct", f.correct());
      row.put("precision", finite(f.precision()));
      row.put("recall", finite(f.recall()));
      per.put(name, row);
    });
    doc.put("per_class", per);
    Map<String, Object> labels = new LinkedHashMap<>();
    falseAlarmsByLabel.forEach((label, n) -> labels.put(label, Map.of("clips", n[0], "raised_a_tag", n[1])));
    doc.put("out_of_class_by_label", labels);
    if (coarse != null) {
      Map<String, Object> c = coarse.toJsonTree();
      c.remove("out_of_class_by_label");
      doc.put("coarse", c);
    }
    return doc;
  }

  /** Writes {@link #toJsonTree()} to {@code file}. */
  public void writeJson(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JSON.writeValue(file.toFile(), toJsonTree());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f %%", 100 * v) : "–";
  }
}
