package io.soundtag.trainer.training;

import io.soundtag.trainer.augment.AugmentationSeed;
import io.soundtag.trainer.augment.MixedSample;
import io.soundtag.trainer.augment.Mixup;
import java.util.List;
import java.util.SplittableRandom;

/**
 * mixup whose every draw is a pure function of {@code (run seed, epoch, window)} (CED's
 * stored augmentation seed, {@link AugmentationSeed#of}): the partner window and λ of window
 * {@code i} in epoch {@code e} are the same wherever they are regenerated — in the teacher pass
 * that computes the soft labels and in the student pass that learns from them, and in every
 * branch, whatever its representation. That is what makes the teaching consistent.
 */
final class ConsistentMixup {

  /** Partner and weight of one window's mixture. */
  record Draw(int partner, double lambda) {}

  private final Mixup mixup;
  private final long runSeed;

  /** @param alpha Beta(α, α); 0 turns mixing off (every window is its own partner with λ = 1) */
  ConsistentMixup(double alpha, long runSeed) {
    this.mixup = alpha > 0 ? new Mixup(alpha) : null;
    this.runSeed = runSeed;
  }

  /** The draw of window {@code i} of {@code n} in {@code epoch}. */
  Draw draw(int epoch, int i, int n) {
    if (mixup == null) {
      return new Draw(i, 1);
    }
    long seed = AugmentationSeed.of(runSeed, epoch, i);
    int partner = new SplittableRandom(AugmentationSeed.child(seed, 0)).nextInt(n);
    // Mixup draws λ ~ Beta(α, α) from the seed it is given; mixing one-value arrays reads that λ
    MixedSample probe = mixup.apply(new float[1], new float[1], new float[1], new float[1], AugmentationSeed.child(seed, 1));
    return new Draw(partner, probe.lambda());
  }

  /** Window {@code i}'s features and target as augmented in {@code epoch}. */
  MixedSample apply(FeatureTable features, List<float[]> targets, int epoch, int i) {
    Draw d = draw(epoch, i, features.size());
    if (mixup == null) {
      return new MixedSample(features.get(i), targets.get(i), 1);
    }
    return Mixup.mix(features.get(i), targets.get(i), features.get(d.partner()), targets.get(d.partner()), d.lambda());
  }
}
