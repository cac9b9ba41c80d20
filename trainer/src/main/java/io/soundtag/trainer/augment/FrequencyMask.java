package io.soundtag.trainer.augment;

import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import java.util.SplittableRandom;

/**
 * SpecAugment frequency masking (Park et al., "SpecAugment: A Simple Data Augmentation Method for
 * Automatic Speech Recognition", Interspeech 2019, §2): {@code count} times, a width
 * {@code f ~ U[0, maxWidth]} and a start {@code f0 ~ U[0, bins − f]} are drawn and bins
 * {@code [f0, f0 + f)} of every channel and frame are set to {@code fill}.
 *
 * @param count number of masks
 * @param maxWidth largest width in bins (F in the paper); CED masks at most 24 bands
 * @param fill value written into masked cells (0 for normalised features)
 */
public record FrequencyMask(int count, int maxWidth, float fill) implements FeatureAugmentation {

  public FrequencyMask {
    if (count < 0 || maxWidth < 0) {
      throw new IllegalArgumentException("frequency mask count and maxWidth must be >= 0");
    }
  }

  @Override
  public FeatureMatrix apply(FeatureMatrix features, long seed) {
    FeatureShape s = features.shape();
    float[] out = features.values().clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int m = 0; m < count; m++) {
      int width = random.nextInt(Math.min(maxWidth, s.bins()) + 1);
      int start = random.nextInt(s.bins() - width + 1);
      for (int c = 0; c < s.channels(); c++) {
        for (int b = start; b < start + width; b++) {
          int row = (c * s.bins() + b) * s.frames();
          java.util.Arrays.fill(out, row, row + s.frames(), fill);
        }
      }
    }
    return new FeatureMatrix(s, out);
  }
}
