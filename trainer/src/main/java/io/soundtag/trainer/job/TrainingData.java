package io.soundtag.trainer.job;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.LoadedClip;
import io.soundtag.trainer.clips.WindowCutter;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.SplitRule;
import io.soundtag.trainer.recipe.RunData;
import io.soundtag.trainer.simulated.SimulatedWindows;
import io.soundtag.trainer.taxonomy.OpenSetCalibration;
import io.soundtag.trainer.taxonomy.TaxonomyData;
import io.soundtag.trainer.training.LabelledWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a training job's labelled audio comes from: a dataset directory in one of the published
 * layouts, the procedural urban sound generator, or clips held in memory (the labels topic).
 */
public sealed interface TrainingData {

  /**
   * Cuts the data into the recipe's windows.
   *
   * @param notes receives one line per thing worth telling (a skipped row, what is being rendered)
   */
  PreparedData prepare(TrainingRecipe recipe, Consumer<String> notes);

  /** A dataset directory; {@code split} null uses the dataset's own split. */
  static TrainingData dataset(Path dir, DatasetFormat format, BadRowPolicy badRows, SplitRule split) {
    return new Dataset(dir, format, badRows, split);
  }

  /** Windows cut from {@code scenes} simulated scenes of {@code seconds} each (a third as many for validation). */
  static TrainingData simulated(int scenes, double seconds) {
    return new Simulated(scenes, seconds, SimulatedWindows.classes());
  }

  /**
   * As {@link #simulated(int, double)} with targets over {@code classes} only: the windows keep
   * every sound, so the left-out ones are background to the model.
   */
  static TrainingData simulated(int scenes, double seconds, List<String> classes) {
    return new Simulated(scenes, seconds, classes);
  }

  /**
   * Clips in memory, already split.
   *
   * @param name the data's name, e.g. {@code audio.labels}
   * @param task single- or multi-label; negatives (clips without labels) need multi-label
   * @param classes class names in output order
   */
  static TrainingData clips(String name, TaskType task, List<String> classes, List<LabelledAudio> train,
      List<LabelledAudio> validation) {
    return new Clips(name, task, classes, train, validation);
  }

  /**
   * Windows already cut (e.g. one fold of a cross-validation, decoded once and trained on by many
   * recipes and seeds): every run sees exactly these windows, whatever the recipe's crops and seed.
   */
  static TrainingData prepared(PreparedData data) {
    return new Prepared(data);
  }

  /** Windows already cut; {@link #prepare} hands them back as they are. */
  record Prepared(PreparedData data) implements TrainingData {
    public Prepared {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public PreparedData prepare(TrainingRecipe recipe, Consumer<String> notes) {
      return data;
    }
  }

  /**
   * Real recordings and simulated scenes on one taxonomy, split by source package (multi-label:
   * negatives train as all-zero targets); the trained bundle's thresholds are then calibrated on
   * the held-out packages to {@code falseAlarmTarget} (see {@link OpenSetCalibration}).
   */
  static TrainingData taxonomy(TaxonomyData data, double falseAlarmTarget) {
    return new Taxonomic(data, falseAlarmTarget);
  }

  /** See {@link #taxonomy}. */
  record Taxonomic(TaxonomyData data, double falseAlarmTarget) implements TrainingData {
    public Taxonomic {
      Objects.requireNonNull(data, "data");
      if (!(falseAlarmTarget > 0 && falseAlarmTarget < 1)) {
        throw new IllegalArgumentException("the false-alarm target is a share in (0, 1), e.g. 0.05; got " + falseAlarmTarget);
      }
    }

    @Override
    public PreparedData prepare(TrainingRecipe recipe, Consumer<String> notes) {
      TrainingRecipe.Audio a = recipe.audio();
      TaxonomyData.Prepared p = data.prepare(a.sampleRate(), a.windowSamples(), a.hopSamples(), recipe.crops(), recipe.seed(), notes);
      return new PreparedData(data.taxonomy().name(), p.description(), TaskType.MULTI_LABEL, data.taxonomy().classNames(), p.windows());
    }
  }

  /** A dataset directory in one of the layouts of {@link DatasetFormat}. */
  record Dataset(Path dir, DatasetFormat format, BadRowPolicy badRows, SplitRule split) implements TrainingData {
    public Dataset {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(badRows, "badRows");
    }

    @Override
    public PreparedData prepare(TrainingRecipe recipe, Consumer<String> notes) {
      ClipCatalog catalog = DatasetReaders.read(format, dir, badRows, ClipLoader.decodableWav());
      catalog.skipped().forEach(row -> notes.accept("skipped " + row));
      SplitRule rule = split != null ? split : catalog.defaultSplit();
      RunData runData = RunData.fromCatalog(catalog, rule, recipe.audio().sampleRate(), recipe.audio().windowSamples(),
          recipe.crops(), recipe.seed());
      String name = catalog.name().replaceAll("[^A-Za-z0-9._-]", "-");
      return new PreparedData(name, catalog.name() + " (" + catalog.size() + " clips, " + catalog.classes().size() + " classes)",
          catalog.task(), catalog.classes(), runData);
    }
  }

  /** Windows of the procedural urban sound generator (multi-label over {@code classes}, a subset of the simulated ones). */
  record Simulated(int scenes, double seconds, List<String> classes) implements TrainingData {
    public Simulated {
      classes = SimulatedWindows.chosen(classes);
      if (scenes < 1 || !(seconds > 0)) {
        throw new IllegalArgumentException("simulated data needs at least one scene of positive length; got " + scenes
            + " scenes of " + seconds + " s");
      }
    }

    @Override
    public PreparedData prepare(TrainingRecipe recipe, Consumer<String> notes) {
      TrainingRecipe.Audio a = recipe.audio();
      SimulatedWindows simulated = new SimulatedWindows(SceneConfig.defaults(a.sampleRate()), a.windowSamples(), a.hopSamples(), 0.3,
          classes);
      int validationScenes = Math.max(1, scenes / 3);
      notes.accept(String.format(Locale.ROOT, "rendering %d training and %d validation scenes of %.0f s…", scenes,
          validationScenes, seconds));
      ClipWindows train = asClips(simulated.generate("train", scenes, seconds, recipe.seed()));
      ClipWindows validation = asClips(simulated.generate("validation", validationScenes, seconds, recipe.seed() + 1_000_003));
      String subset = classes.equals(SimulatedWindows.classes()) ? "" : ",classes=" + String.join("+", classes);
      return new PreparedData("urban-sounds", "simulated:scenes=" + scenes + ",seconds=" + seconds + subset, TaskType.MULTI_LABEL,
          classes, new RunData(train, validation, validation));
    }

    private static ClipWindows asClips(List<LabelledWindow> windows) {
      List<float[]> samples = new ArrayList<>();
      List<float[]> targets = new ArrayList<>();
      windows.forEach(w -> {
        samples.add(w.samples());
        targets.add(w.target());
      });
      return ClipWindows.ofWindows(samples, targets);
    }
  }

  /** Labelled clips in memory; validation doubles as the test part. */
  record Clips(String name, TaskType task, List<String> classes, List<LabelledAudio> train, List<LabelledAudio> validation)
      implements TrainingData {
    public Clips {
      Objects.requireNonNull(task, "task");
      classes = List.copyOf(classes);
      train = List.copyOf(train);
      validation = List.copyOf(validation);
      if (train.isEmpty()) {
        throw new IllegalArgumentException(name + " has no training clips");
      }
      if (task == TaskType.SINGLE_LABEL) {
        for (LabelledAudio c : train) {
          if (c.labels().size() != 1) {
            throw new IllegalArgumentException("clip " + c.id() + " has " + c.labels().size()
                + " labels; a single-label task needs exactly one (negatives need a multi-label task)");
          }
        }
      }
    }

    @Override
    public PreparedData prepare(TrainingRecipe recipe, Consumer<String> notes) {
      int rate = recipe.audio().sampleRate();
      WindowCutter cutter = new WindowCutter(recipe.audio().windowSamples());
      ClipWindows trainWindows = cutter.trainingCrops(loaded(train, classes, rate), recipe.crops(), recipe.seed());
      ClipWindows validationWindows = cutter.evaluationWindows(loaded(validation, classes, rate));
      long negatives = train.stream().filter(LabelledAudio::negative).count();
      return new PreparedData(name, name + " (" + train.size() + " training clips, " + negatives + " of them negative, "
          + validation.size() + " validation clips, " + classes.size() + " classes)", task, classes,
          new RunData(trainWindows, validationWindows, validationWindows));
    }
  }

  /**
   * {@code clips} decoded at {@code sampleRate} with targets over {@code classes}, for a {@link
   * WindowCutter}; the clip id stands in for the file name.
   */
  static List<LoadedClip> loaded(List<LabelledAudio> clips, List<String> classes, int sampleRate) {
    List<LoadedClip> out = new ArrayList<>(clips.size());
    for (LabelledAudio c : clips) {
      ClipRef ref = new ClipRef(Path.of(c.id()), c.labels(), null, "", true);
      out.add(new LoadedClip(ref, c.audio().resampledTo(sampleRate).samples(), c.target(classes)));
    }
    return out;
  }
}
