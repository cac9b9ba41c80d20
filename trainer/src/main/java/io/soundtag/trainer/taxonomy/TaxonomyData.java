package io.soundtag.trainer.taxonomy;

import io.soundtag.core.synth.SceneConfig;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.WindowCutter;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.recipe.RunData;
import io.soundtag.trainer.simulated.SimulatedWindows;
import io.soundtag.trainer.training.LabelledWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Real recordings and simulated scenes on one taxonomy, split by source package.
 *
 * <ul>
 *   <li>Real clips of every folder-per-class dataset in {@code dirs} (e.g. a band-limited and a
 *       full-band copy of the same recordings): the packages of the validation fold are the
 *       held-out clips the thresholds are calibrated on, those of the test fold are measured, the
 *       rest train. The folds are made from the first dataset's packages, so every copy of a
 *       recording is on the same side.
 *   <li>Labels in {@code heldOutLabels} (negatives of the taxonomy) are never trained or calibrated
 *       on: they measure false alarms on kinds of sound the model has never heard.
 *   <li>Windows of {@code simulatedScenes} simulated scenes, their targets mapped onto the fine
 *       classes (background-only windows are negatives), and {@code quietWindows} windows of
 *       {@link QuietAmbience}, as negatives, train too.
 * </ul>
 *
 * @param taxonomy the classes and how labels map onto them
 * @param dirs folder-per-class datasets; test clips come from the first
 * @param badRows what to do with a bad metadata row
 * @param split the package folds of test and validation
 * @param heldOutLabels negatives kept out of training and calibration
 * @param simulatedScenes simulated scenes that train (0: none)
 * @param sceneSeconds length of each simulated scene
 * @param quietWindows quiet ambience windows that train as negatives
 */
public record TaxonomyData(Taxonomy taxonomy, List<Path> dirs, BadRowPolicy badRows, LeavePackagesOut split,
    Set<String> heldOutLabels, int simulatedScenes, double sceneSeconds, int quietWindows) {

  public TaxonomyData {
    Objects.requireNonNull(taxonomy, "taxonomy");
    Objects.requireNonNull(split, "split");
    dirs = List.copyOf(dirs);
    heldOutLabels = Set.copyOf(heldOutLabels);
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException("a taxonomy run needs at least one folder-per-class dataset of real recordings");
    }
    for (String label : heldOutLabels) {
      if (!taxonomy.isNegative(label)) {
        throw new IllegalArgumentException("--hold-out " + label + ": only negatives of taxonomy " + taxonomy.name()
            + " can be held out (" + String.join(",", taxonomy.negatives()) + ")");
      }
    }
    if (simulatedScenes < 0 || quietWindows < 0 || (simulatedScenes > 0 && !(sceneSeconds > 0))) {
      throw new IllegalArgumentException("simulated scenes, their length and quiet windows cannot be negative");
    }
  }

  /** The windows, and a description for the report and the bundle's provenance. */
  public record Prepared(RunData windows, String description) {}

  /**
   * Reads, splits and cuts everything into windows of {@code windowSamples} at {@code sampleRate}.
   *
   * @param hopSamples the tagger's hop, at which simulated windows are cut
   */
  public Prepared prepare(int sampleRate, int windowSamples, int hopSamples, int crops, long seed, Consumer<String> notes) {
    List<TaxonomySources> sources = new ArrayList<>();
    for (Path dir : dirs) {
      sources.add(TaxonomySources.read(taxonomy, dir, badRows, notes));
    }
    PackageFolds folds = PackageFolds.balanced(sources.get(0).clipsPerPackage(), split.folds());
    notes.accept("validation packages (fold " + split.validationFold() + "): " + folds.packagesOf(split.validationFold()));
    if (split.testFold() > 0) {
      notes.accept("test packages (fold " + split.testFold() + "): " + folds.packagesOf(split.testFold()));
    }
    WindowCutter cutter = new WindowCutter(windowSamples);
    List<ClipWindows> train = new ArrayList<>();
    List<ClipWindows> validation = new ArrayList<>();
    int realTrain = 0;
    for (TaxonomySources s : sources) {
      List<SourceClip> t = s.select(c -> !heldOutLabels.contains(c.sourceLabel()) && fold(folds, c) != split.testFold()
          && fold(folds, c) != split.validationFold());
      List<SourceClip> v = s.select(c -> !heldOutLabels.contains(c.sourceLabel()) && fold(folds, c) == split.validationFold());
      realTrain += t.size();
      train.add(cutter.trainingCrops(s.load(t, sampleRate), crops, seed));
      validation.add(cutter.evaluationWindows(s.load(v, sampleRate)));
    }
    ClipWindows validationWindows = concat(validation);
    ClipWindows testWindows = validationWindows;
    String testDescription = "";
    if (split.testFold() > 0) {
      List<SourceClip> test = sources.get(0).select(c -> fold(folds, c) == split.testFold());
      testWindows = cutter.evaluationWindows(sources.get(0).load(test, sampleRate));
      testDescription = ", test " + test.size() + " clips of " + dirs.get(0).getFileName() + " (fold " + split.testFold() + ")";
    }
    int simulated = 0;
    if (simulatedScenes > 0) {
      SimulatedWindows generator = new SimulatedWindows(SceneConfig.defaults(sampleRate), windowSamples, hopSamples, 0.3);
      notes.accept(String.format(Locale.ROOT, "rendering %d simulated scenes of %.0f s…", simulatedScenes, sceneSeconds));
      List<float[]> samples = new ArrayList<>();
      List<float[]> targets = new ArrayList<>();
      for (LabelledWindow w : generator.generate("train", simulatedScenes, sceneSeconds, seed)) {
        samples.add(w.samples());
        targets.add(taxonomy.target(w.target(), SimulatedWindows.classes()));
      }
      simulated = samples.size();
      train.add(ClipWindows.ofWindows(samples, targets));
    }
    if (quietWindows > 0) {
      List<float[]> quiet = QuietAmbience.windows(quietWindows, windowSamples, seed);
      train.add(ClipWindows.ofWindows(quiet, quiet.stream().map(q -> new float[taxonomy.classes().size()]).toList()));
    }
    String description = String.format(Locale.ROOT,
        "taxonomy %s: %d real training clips of %s, %d simulated windows, %d quiet windows; leave-packages-out %d folds, "
            + "calibration on fold %d (%d clips)%s%s",
        taxonomy.name(), realTrain, dirs.stream().map(d -> d.getFileName().toString()).toList(), simulated, quietWindows,
        split.folds(), split.validationFold(), validationWindows.clips(), testDescription,
        heldOutLabels.isEmpty() ? "" : "; never trained on: " + heldOutLabels.stream().sorted().toList());
    return new Prepared(new RunData(concat(train), validationWindows, testWindows), description);
  }

  private static int fold(PackageFolds folds, SourceClip c) {
    return folds.foldOf(c.sourcePackage());
  }

  /** The windows of every part in order, clip indices renumbered. */
  static ClipWindows concat(List<ClipWindows> parts) {
    List<float[]> windows = new ArrayList<>();
    List<float[]> targets = new ArrayList<>();
    List<float[]> clipTargets = new ArrayList<>();
    List<Integer> clipOf = new ArrayList<>();
    for (ClipWindows p : parts) {
      int base = clipTargets.size();
      windows.addAll(p.windows());
      targets.addAll(p.targets());
      clipTargets.addAll(p.clipTargets());
      for (int c : p.clipOf()) {
        clipOf.add(base + c);
      }
    }
    return new ClipWindows(windows, targets, clipOf.stream().mapToInt(Integer::intValue).toArray(), clipTargets);
  }
}
