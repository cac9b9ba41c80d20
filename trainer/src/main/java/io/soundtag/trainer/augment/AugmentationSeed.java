package io.soundtag.trainer.augment;

/**
 * Derives the seed of one augmented sample, so a run can store or recompute it instead of the
 * augmented audio (CED, CED §2: "only store the seed which generated the augmentations").
 * Mixing uses the SplitMix64 finaliser, the same on every JVM.
 */
public final class AugmentationSeed {

  private AugmentationSeed() {}

  /** The seed for one clip in one epoch of a run. */
  public static long of(long runSeed, int epoch, long clipIndex) {
    return mix(mix(mix(runSeed) ^ epoch) ^ clipIndex);
  }

  /**
   * An independent seed for the {@code step}-th augmentation of a pipeline, so chained
   * augmentations do not draw the same random numbers.
   */
  public static long child(long seed, int step) {
    return mix(seed + 0x9E3779B97F4A7C15L * (step + 1L));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
