package io.soundtag.trainer.augment;

import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import java.util.SplittableRandom;

/**
 * SpecAugment time masking (Park et al., Interspeech 2019, §2): {@code count} times, a width
 * {@code t ~ U[0, maxWidth]} and a start {@code t0 ~ U[0, frames − t]} are drawn and frames
 * {@code [t0, t0 + t)} of every channel and bin are set to {@code fill}.
 *
 * @param count number of masks
 * @param maxWidth largest width in frames (T in the paper); CED masks at most 192 frames
 * @param fill value written into masked cells (0 for normalised features)
 */
public record TimeMask(int count, int maxWidth, float fill) implements FeatureAugmentation {

  public TimeMask {
    if (count < 0 || maxWidth < 0) {
      throw new IllegalArgumentException("time mask count and maxWidth must be >= 0");
    }
  }

  @Override
  public FeatureMatrix apply(FeatureMatrix features, long seed) {
    FeatureShape s = features.shape();
    float[] out = features.values().clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int m = 0; m < count; m++) {
      int width = random.nextInt(Math.min(maxWidth, s.frames()) + 1);
      int start = random.nextInt(s.frames() - width + 1);
      for (int row = 0; row < s.channels() * s.bins(); row++) {
        java.util.Arrays.fill(out, row * s.frames() + start, row * s.frames() + start + width, fill);
      }
    }
    return new FeatureMatrix(s, out);
  }
}
