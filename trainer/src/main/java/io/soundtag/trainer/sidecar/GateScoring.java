package io.soundtag.trainer.sidecar;

import ai.djl.Device;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.ScorePooling;
import io.soundtag.trainer.clips.WindowCutter;
import io.soundtag.trainer.evaluation.ClipEvaluation;
import io.soundtag.trainer.evaluation.EvaluationReport;
import io.soundtag.trainer.evaluation.Metrics;
import io.soundtag.trainer.evaluation.TagDecision;
import io.soundtag.trainer.gate.FalseAlarms;
import io.soundtag.trainer.gate.GateFigures;
import io.soundtag.trainer.job.LabelledAudio;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.taxonomy.QuietAmbience;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a bundle on the gate clips through the tagger's own inference code, in the candidate's
 * class order: a class the bundle does not know scores 0 (it can never tag it) and has no AP of
 * its own, so it cannot "drop". Its false alarms are counted at its own thresholds on the gate's
 * negatives: the negative gate clips and, for a model taught to ignore it, quiet ambience.
 */
final class GateScoring {

  /** Quiet ambience windows a gate scores when it scores any; their seed is apart from those that train. */
  static final int QUIET_WINDOWS = 100;
  private static final long QUIET_SEED = 0x6A7EL;

  private GateScoring() {}

  /**
   * A bundle's clip scores on the gate clips.
   *
   * @param clipScores {@code [clip][class]} in the candidate's class order
   * @param clipTargets the clips' targets in the same order; all zero for a negative clip
   */
  record Scores(float[][] clipScores, float[][] clipTargets) {

    List<float[]> targets() {
      return List.of(clipTargets);
    }
  }

  static GateFigures score(String model, ModelBundle bundle, List<LabelledAudio> gate, List<String> classes, TaskType task,
      Device device) {
    return figures(model, bundle, scores(bundle, gate, classes, task, device), classes, task);
  }

  /** The clip scores of {@code bundle} on {@code gate} over {@code classes}. */
  static Scores scores(ModelBundle bundle, List<LabelledAudio> gate, List<String> classes, TaskType task, Device device) {
    List<String> known = bundle.manifest().classes();
    ClipWindows windows = new WindowCutter(bundle.manifest().windowSamples())
        .evaluationWindows(TrainingData.loaded(gate, classes, bundle.manifest().sampleRate()));
    float[][] raw = ClipEvaluation.windowScores(bundle, ServingMode.STUDENT, windows.windows(), device);
    float[][] aligned = new float[raw.length][classes.size()];
    for (int w = 0; w < raw.length; w++) {
      for (int k = 0; k < classes.size(); k++) {
        int j = known.indexOf(classes.get(k));
        aligned[w][k] = j < 0 ? 0f : raw[w][j];
      }
    }
    return new Scores(windows.clipScores(aligned, ScorePooling.forTask(task)), windows.clipTargetMatrix());
  }

  /** The gate figures of {@code bundle} from its {@link #scores}. */
  static GateFigures figures(String model, ModelBundle bundle, Scores scores, List<String> classes, TaskType task) {
    List<String> known = bundle.manifest().classes();
    EvaluationReport report = Metrics.evaluate(classes, scores.clipScores(), scores.clipTargets());
    GateFigures f = GateFigures.of(model, task, report);
    Map<String, Double> ap = new LinkedHashMap<>(f.perClassAp());
    ap.replaceAll((cls, v) -> known.contains(cls) ? v : Double.NaN);
    return new GateFigures(model, f.metric(), f.primary(), f.clips(), ap);
  }

  /**
   * How many of the gate's negatives make {@code bundle} raise a tag: a negative gate clip (one
   * without labels) when any of its windows does, a quiet ambience window when it does itself.
   *
   * @param quietWindows quiet ambience windows to score besides the negative gate clips; 0 for none
   */
  static FalseAlarms falseAlarms(ModelBundle bundle, List<LabelledAudio> gate, int quietWindows, Device device) {
    List<String> known = bundle.manifest().classes();
    List<Double> thresholds = bundle.manifest().thresholds();
    List<float[]> raising = new ArrayList<>();
    List<LabelledAudio> negative = gate.stream().filter(LabelledAudio::negative).toList();
    if (!negative.isEmpty()) {
      ClipWindows windows = new WindowCutter(bundle.manifest().windowSamples())
          .evaluationWindows(TrainingData.loaded(negative, known, bundle.manifest().sampleRate()));
      float[][] raw = ClipEvaluation.windowScores(bundle, ServingMode.STUDENT, windows.windows(), device);
      raising.addAll(List.of(windows.clipScores(raw, ScorePooling.MAX)));
    }
    raising.addAll(List.of(ClipEvaluation.windowScores(bundle, ServingMode.STUDENT,
        QuietAmbience.windows(quietWindows, bundle.manifest().windowSamples(), QUIET_SEED), device)));
    int raised = (int) raising.stream().filter(scores -> TagDecision.raisesATag(scores, thresholds)).count();
    return new FalseAlarms(raising.size(), raised);
  }

  /** Gate clips per class; a clip counts once for each of its labels. */
  static Map<String, Integer> clipsPerClass(List<LabelledAudio> gate) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    gate.forEach(c -> c.labels().forEach(l -> counts.merge(l, 1, Integer::sum)));
    return counts;
  }

  /** Targets of the gate clips over {@code classes}, for a baseline. */
  static float[][] targets(List<LabelledAudio> gate, List<String> classes) {
    return gate.stream().map(c -> c.target(classes)).toArray(float[][]::new);
  }
}
