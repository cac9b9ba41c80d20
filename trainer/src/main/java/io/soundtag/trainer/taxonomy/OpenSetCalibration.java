package io.soundtag.trainer.taxonomy;

import ai.djl.Device;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.ScorePooling;
import io.soundtag.trainer.evaluation.ClipEvaluation;
import io.soundtag.trainer.evaluation.OpenSetReport;
import io.soundtag.trainer.training.ThresholdCalibration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a trained bundle an open-set detector of its taxonomy: thresholds calibrated on the
 * held-out validation clips to a false-alarm target ({@link ThresholdCalibration#forFalseAlarmRate}),
 * the coarse groups and the taxonomy itself in the bundle, and the open-set figures measured.
 */
public final class OpenSetCalibration {

  /** Quiet ambience windows the open-set figures score; their seed is apart from the training ones'. */
  public static final int QUIET_WINDOWS = 300;
  private static final long QUIET_SEED = 0x5157L;

  private OpenSetCalibration() {}

  /** The calibrated bundle and its figures on the validation and the test clips. */
  public record Calibrated(ModelBundle bundle, OpenSetReport validation, OpenSetReport test) {}

  /**
   * @param falseAlarmTarget the largest share of the validation negatives that may raise a tag
   * @param test the clips to measure on, with their dataset labels (null labels: not broken down)
   */
  public static Calibrated calibrate(ModelBundle trained, Taxonomy taxonomy, ClipWindows validation, ClipWindows test,
      List<String> testLabels, double falseAlarmTarget, Device device) {
    float[][] validationScores = clipScores(trained, validation, device);
    List<Double> thresholds = ThresholdCalibration.forFalseAlarmRate(validationScores, validation.clipTargets(), falseAlarmTarget);
    BundleManifest m = trained.manifest();
    Map<String, String> provenance = new HashMap<>(m.provenance());
    provenance.put("taxonomy_json", taxonomy.toJson().replaceAll("\\s+", " "));
    provenance.put("thresholds", String.format(java.util.Locale.ROOT,
        "calibrated for at most %.1f %% of the held-out negative clips (%d clips) raising a tag", 100 * falseAlarmTarget,
        validation.clipTargets().stream().filter(t -> max(t) < 0.5f).count()));
    OpenSetReport onValidation = OpenSetReport.of(m.classes(), thresholds, validationScores, validation.clipTargetMatrix(), null,
        null, taxonomy.coarseOf());
    Map<String, Double> metrics = new LinkedHashMap<>(m.metrics());
    metrics.put("validation_false_alarm_rate", onValidation.falseAlarmRate());
    metrics.put("validation_top1", onValidation.top1());
    metrics.put("false_alarm_target", falseAlarmTarget);
    metrics.values().removeIf(d -> !Double.isFinite(d));
    BundleManifest calibrated = new BundleManifest(m.formatVersion(), m.modelName(), m.version(), m.parentVersion(),
        m.createdAtMillis(), m.task(), m.classes(), thresholds, taxonomy.coarseOf(), m.sampleRate(), m.windowSamples(),
        m.hopSamples(), m.branches(), m.studentBranch(), metrics, provenance);
    Map<String, byte[]> parameters = new LinkedHashMap<>();
    for (BranchManifest b : m.branches()) {
      parameters.put(b.parametersEntry(), trained.parameters(b));
    }
    ModelBundle bundle = new ModelBundle(calibrated, parameters);
    return new Calibrated(bundle, onValidation, measure(bundle, test, testLabels, device));
  }

  /** The open-set figures of {@code bundle} on {@code clips}, with {@link #QUIET_WINDOWS} quiet ambience windows. */
  public static OpenSetReport measure(ModelBundle bundle, ClipWindows clips, List<String> labels, Device device) {
    BundleManifest m = bundle.manifest();
    float[][] quiet = ClipEvaluation.windowScores(bundle, ServingMode.STUDENT,
        QuietAmbience.windows(QUIET_WINDOWS, m.windowSamples(), QUIET_SEED), device);
    return OpenSetReport.of(m.classes(), m.thresholds(), clipScores(bundle, clips, device), clips.clipTargetMatrix(), labels, quiet,
        m.coarseTaxonomy());
  }

  private static float[][] clipScores(ModelBundle bundle, ClipWindows clips, Device device) {
    return clips.clipScores(ClipEvaluation.windowScores(bundle, ServingMode.STUDENT, clips.windows(), device),
        ScorePooling.forTask(bundle.manifest().task()));
  }

  private static float max(float[] t) {
    float m = 0;
    for (float v : t) {
      m = Math.max(m, v);
    }
    return m;
  }
}
