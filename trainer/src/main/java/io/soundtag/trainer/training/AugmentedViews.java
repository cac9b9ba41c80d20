package io.soundtag.trainer.training;

import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.features.FeatureConfig;
import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.features.Representation;
import io.soundtag.trainer.augment.AugmentationSeed;
import io.soundtag.trainer.augment.MixedSample;
import io.soundtag.trainer.augment.Mixup;
import io.soundtag.trainer.augment.ViewAugmentation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The augmented views of a run's training windows: view {@code (window, seed)} is a pure function
 * of the 32-bit seed (and the windows), so every representation, the teacher pass, the student
 * pass and a later run reading a stored seed regenerate it bit for bit ({@link ViewAugmentation}
 * gives the order of the steps).
 *
 * <p>Windows {@code [0, labelled)} carry labels; windows {@code [labelled, n)} are label-free
 * (their targets are zeros and only a teacher's scores teach them). A window's mixing partner is
 * drawn from its own part, so labelled mixtures keep meaningful targets.
 */
final class AugmentedViews {

  /**
   * One view: standardised features (channels × bins × frames; with nothing to augment, the cached
   * row itself, read-only) and the mixed target.
   */
  record View(float[] features, float[] target) {}

  private final ViewAugmentation augmentation;
  private final List<float[]> windows;
  private final List<float[]> targets;
  private final int labelled;
  private final Mixup mixup;
  private final Map<FeatureConfig, Representation> representations = new ConcurrentHashMap<>();

  AugmentedViews(ViewAugmentation augmentation, List<float[]> windows, List<float[]> targets, int labelled) {
    if (windows.size() != targets.size() || labelled < 0 || labelled > windows.size()) {
      throw new IllegalArgumentException(windows.size() + " windows, " + targets.size() + " targets, " + labelled + " labelled");
    }
    this.augmentation = augmentation;
    this.windows = windows;
    this.targets = targets;
    this.labelled = labelled;
    this.mixup = augmentation.mixupAlpha() > 0 ? new Mixup(augmentation.mixupAlpha()) : null;
  }

  /** The 32-bit view seed of {@code window} in {@code epoch} of the run seeded {@code runSeed}. */
  static int seed(long runSeed, int epoch, int window) {
    return (int) AugmentationSeed.of(runSeed, epoch, window);
  }

  int size() {
    return windows.size();
  }

  boolean isLabelled(int window) {
    return window < labelled;
  }

  /** The window whose features view {@code (window, seed)} mixes in: one of the same part. */
  int partner(int window, int seed) {
    int from = window < labelled ? 0 : labelled;
    int to = window < labelled ? labelled : windows.size();
    return from + new SplittableRandom(AugmentationSeed.child(seed, ViewAugmentation.PARTNER)).nextInt(to - from);
  }

  /**
   * View {@code (window, seed)} in one representation.
   *
   * @param config the representation
   * @param normalisation the statistics its network was trained with
   * @param cached the unaugmented windows' features standardised with {@code normalisation}, row
   *     per window, or null to compute them from the waveform
   */
  View view(FeatureConfig config, Normalisation normalisation, FeatureTable cached, int window, int seed) {
    int partner = augmentation.usesPartner() ? partner(window, seed) : window;
    float[] target = targets.get(window);
    float[] partnerTarget = targets.get(partner);
    float[] x;
    float[] p = null;
    FeatureShape shape;
    if (augmentation.changesWaveform()) {
      float[] wave = augmentation.waveform(windows.get(window), seed);
      float[] partnerWave = augmentation.usesPartner()
          ? augmentation.waveform(windows.get(partner), AugmentationSeed.child(seed, ViewAugmentation.PARTNER_WAVEFORM)) : null;
      if (mixup != null && augmentation.mixupDomain() == ViewAugmentation.MixupDomain.WAVEFORM) {
        MixedSample mixed = mixup.apply(wave, target, partnerWave, partnerTarget, AugmentationSeed.child(seed, ViewAugmentation.MIX));
        wave = mixed.values();
        target = mixed.target();
      }
      FeatureMatrix m = features(config, normalisation, wave);
      shape = m.shape();
      x = m.values();
      if (partnerWave != null) {
        p = features(config, normalisation, partnerWave).values();
      }
    } else {
      FeatureMatrix m = cached != null ? new FeatureMatrix(cached.shape(), cached.get(window))
          : features(config, normalisation, windows.get(window));
      shape = m.shape();
      x = m.values();
      if (augmentation.usesPartner()) {
        p = cached != null ? cached.get(partner) : features(config, normalisation, windows.get(partner)).values();
      }
    }
    if (mixup != null && augmentation.mixupDomain() == ViewAugmentation.MixupDomain.FEATURES) {
      MixedSample mixed = mixup.apply(x, target, p, partnerTarget, AugmentationSeed.child(seed, ViewAugmentation.MIX));
      x = mixed.values();
      target = mixed.target();
    }
    if (augmentation.fmix() != null) {
      MixedSample mixed = augmentation.fmix().apply(new FeatureMatrix(shape, x), target, new FeatureMatrix(shape, p), partnerTarget,
          AugmentationSeed.child(seed, ViewAugmentation.FMIX));
      x = mixed.values();
      target = mixed.target();
    }
    if (augmentation.freqMixStyle() != null) {
      x = augmentation.freqMixStyle().apply(new FeatureMatrix(shape, x), new FeatureMatrix(shape, p),
          AugmentationSeed.child(seed, ViewAugmentation.MIX_STYLE)).values();
    }
    if (augmentation.timeMask() != null) {
      x = augmentation.timeMask().apply(new FeatureMatrix(shape, x), AugmentationSeed.child(seed, ViewAugmentation.TIME_MASK)).values();
    }
    if (augmentation.frequencyMask() != null) {
      x = augmentation.frequencyMask().apply(new FeatureMatrix(shape, x),
          AugmentationSeed.child(seed, ViewAugmentation.FREQUENCY_MASK)).values();
    }
    return new View(x, target);
  }

  private FeatureMatrix features(FeatureConfig config, Normalisation normalisation, float[] wave) {
    FeatureMatrix m = representations.computeIfAbsent(config, FeatureConfig::create).compute(wave);
    float[] values = m.values().clone();
    normalisation.applyInPlace(values, m.shape().frames());
    return new FeatureMatrix(m.shape(), values);
  }
}
