package io.soundtag.trainer.recipe;

import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.WindowCutter;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.dataset.SplitRule;
import java.util.List;

/**
 * The windows of a run.
 *
 * @param train training windows (crops), targets in the run's class order
 * @param validation validation windows, for per-epoch curves and threshold calibration
 * @param test held-out windows the results table and the report's metrics are measured on;
 *     the validation windows when the data has no test part
 * @param unlabelled label-free training windows (from unlabelled audio) that only teachers label
 */
public record RunData(ClipWindows train, ClipWindows validation, ClipWindows test, List<float[]> unlabelled) {

  public RunData {
    unlabelled = List.copyOf(unlabelled);
  }

  /** Without unlabelled windows. */
  public RunData(ClipWindows train, ClipWindows validation, ClipWindows test) {
    this(train, validation, test, List.of());
  }

  /** The same windows plus {@code windows} of unlabelled audio. */
  public RunData withUnlabelled(List<float[]> windows) {
    return new RunData(train, validation, test, windows);
  }

  /**
   * The windows of a dataset under {@code split} (e.g. its default split): each clip decoded at {@code sampleRate},
   * training clips cut into up to {@code crops} seeded crops, validation and test clips into all
   * their windows (see {@link WindowCutter}). A dataset without validation clips validates on
   * its test clips, and the other way round.
   */
  public static RunData fromCatalog(ClipCatalog catalog, SplitRule split, int sampleRate, int windowSamples, int crops, long seed) {
    ClipLoader loader = new ClipLoader(sampleRate);
    WindowCutter cutter = new WindowCutter(windowSamples);
    ClipCatalog trainClips = catalog.select(split, Split.TRAIN);
    if (trainClips.size() == 0) {
      throw new IllegalArgumentException(catalog.name() + " has no training clips under its split");
    }
    ClipWindows train = cutter.trainingCrops(loader.load(trainClips), crops, seed);
    ClipWindows validation = cutter.evaluationWindows(loader.load(catalog.select(split, Split.VALIDATION)));
    ClipWindows test = cutter.evaluationWindows(loader.load(catalog.select(split, Split.TEST)));
    if (validation.clips() == 0) {
      validation = test;
    }
    if (test.clips() == 0) {
      test = validation;
    }
    return new RunData(train, validation, test);
  }
}
