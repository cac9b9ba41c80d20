package io.soundtag.trainer.taxonomy;

import ai.djl.Device;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.evaluation.OpenSetReport;
import io.soundtag.trainer.simulated.SimulatedWindows;
import io.soundtag.trainer.training.LabelledWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A taxonomy model measured as served ({@link OpenSetReport}) on a folder-per-class dataset —
 * all of it or one fold of its source packages, with every label the taxonomy calls a negative
 * as out-of-class audio — or on simulated scenes.
 *
 * <pre>{@code
 * OpenSetReport r = TaxonomyEvaluation.folder(bundle, TaxonomyEvaluation.taxonomyOf(bundle).orElseThrow(),
 *     List.of(Path.of("DEV/dev")), BadRowPolicy.SKIP, 5, 1, Device.cpu(), System.err::println);
 * }</pre>
 */
public final class TaxonomyEvaluation {

  private TaxonomyEvaluation() {}

  /** The taxonomy a bundle was trained on ({@code taxonomy_json} in its provenance), if any. */
  public static Optional<Taxonomy> taxonomyOf(ModelBundle bundle) {
    String json = bundle.manifest().provenance().get("taxonomy_json");
    return json == null ? Optional.empty() : Optional.of(Taxonomy.parse(json, "the provenance of " + bundle.manifest().modelName()));
  }

  /**
   * The figures of {@code bundle} on the clips of fold {@code fold} of every dataset in {@code dirs}
   * (e.g. a band-limited and a full-band copy of the same recordings).
   *
   * @param folds package folds of the datasets, as in training; the first dataset's packages deal them
   * @param fold the fold to score, 1..folds, or 0 for every clip
   */
  public static OpenSetReport folder(ModelBundle bundle, Taxonomy taxonomy, List<Path> dirs, BadRowPolicy badRows, int folds, int fold,
      Device device, Consumer<String> notes) {
    Selected s = select(bundle, taxonomy, dirs, badRows, folds, fold, Set.of(), "scoring", notes);
    return OpenSetCalibration.measure(bundle, s.windows(), s.labels(), device);
  }

  /**
   * Calibrates {@code bundle}'s thresholds anew (see {@link OpenSetCalibration}) on the clips of
   * fold {@code fold} of every dataset in {@code dirs} (0: every clip), without the labels in
   * {@code heldOut}; the figures are on those clips. A site can so calibrate a shipped model on its
   * own held-out recordings.
   */
  public static OpenSetCalibration.Calibrated recalibrate(ModelBundle bundle, Taxonomy taxonomy, List<Path> dirs, BadRowPolicy badRows,
      int folds, int fold, Set<String> heldOut, double falseAlarmTarget, Device device, Consumer<String> notes) {
    Selected s = select(bundle, taxonomy, dirs, badRows, folds, fold, heldOut, "calibrating on", notes);
    return OpenSetCalibration.calibrate(bundle, taxonomy, s.windows(), s.windows(), s.labels(), falseAlarmTarget, device);
  }

  /** The evaluation windows of the chosen clips of every dataset, and each clip's dataset label. */
  private record Selected(ClipWindows windows, List<String> labels) {}

  private static Selected select(ModelBundle bundle, Taxonomy taxonomy, List<Path> dirs, BadRowPolicy badRows, int folds, int fold,
      Set<String> heldOut, String doing, Consumer<String> notes) {
    checkClasses(bundle, taxonomy);
    List<ClipWindows> parts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    PackageFolds packageFolds = null;
    for (Path dir : dirs) {
      TaxonomySources sources = TaxonomySources.read(taxonomy, dir, badRows, notes);
      if (fold > 0 && packageFolds == null) {
        packageFolds = PackageFolds.balanced(sources.clipsPerPackage(), folds);
        notes.accept(doing + " fold " + fold + " of " + folds + ": " + packageFolds.packagesOf(fold));
      }
      PackageFolds f = packageFolds;
      List<SourceClip> chosen = sources.select(c -> !heldOut.contains(c.sourceLabel()) && (f == null || f.foldOf(c.sourcePackage()) == fold));
      parts.add(sources.evaluationWindows(chosen, bundle.manifest().sampleRate(), bundle.manifest().windowSamples()));
      chosen.forEach(c -> labels.add(c.sourceLabel()));
    }
    ClipWindows windows = TaxonomyData.concat(parts);
    if (windows.clips() == 0) {
      throw new IllegalArgumentException("no clips in " + dirs + (fold == 0 ? "" : " (fold " + fold + ")") + " to score");
    }
    return new Selected(windows, labels);
  }

  /**
   * Windows of {@code scenes} simulated scenes (seeded apart from training's), their labels mapped
   * by the taxonomy; a window where nothing sounds is out-of-class, labelled {@code ambience}.
   */
  public static OpenSetReport simulated(ModelBundle bundle, Taxonomy taxonomy, int scenes, double seconds, long seed, Device device) {
    checkClasses(bundle, taxonomy);
    var m = bundle.manifest();
    SimulatedWindows generator = new SimulatedWindows(SceneConfig.defaults(m.sampleRate()), m.windowSamples(), m.hopSamples(), 0.3);
    List<float[]> samples = new ArrayList<>();
    List<float[]> targets = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (LabelledWindow w : generator.generate("evaluation", scenes, seconds, seed)) {
      float[] t = taxonomy.target(w.target(), SimulatedWindows.classes());
      samples.add(w.samples());
      targets.add(t);
      boolean any = false;
      for (float v : t) {
        any |= v > 0.5f;
      }
      labels.add(any ? "simulated" : "ambience");
    }
    return OpenSetCalibration.measure(bundle, ClipWindows.ofWindows(samples, targets), labels, device);
  }

  private static void checkClasses(ModelBundle bundle, Taxonomy taxonomy) {
    if (!bundle.manifest().classes().equals(taxonomy.classNames())) {
      throw new IllegalArgumentException("the bundle's classes " + bundle.manifest().classes() + " are not taxonomy "
          + taxonomy.name() + "'s " + taxonomy.classNames());
    }
  }
}
