package io.soundtag.trainer.training;

import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.features.FeatureConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes each representation's features of a fixed set of training and validation windows once
 * and keeps them in memory, so several branches, recipes and seeds reuse them.
 */
public final class FeatureCache {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);

  private final List<float[]> trainWindows;
  private final List<float[]> validationWindows;
  private final Map<FeatureConfig, BranchFeatures> cache = new LinkedHashMap<>();

  public FeatureCache(List<float[]> trainWindows, List<float[]> validationWindows) {
    if (trainWindows.isEmpty()) {
      throw new IllegalArgumentException("no training windows");
    }
    this.trainWindows = trainWindows;
    this.validationWindows = validationWindows;
  }

  /** The training windows, in the order of every training table's rows. */
  public List<float[]> trainWindows() {
    return trainWindows;
  }

  /** The features of {@code config}, computed on first use. */
  public synchronized BranchFeatures features(FeatureConfig config) {
    return cache.computeIfAbsent(config, c -> {
      long t0 = System.nanoTime();
      FeatureTable train = FeatureTable.computeAll(c, trainWindows);
      Normalisation normalisation = train.measureNormalisation();
      train.normalise(normalisation);
      FeatureTable validation = FeatureTable.computeAll(c, validationWindows);
      validation.normalise(normalisation);
      LOG.info("{} features of {} + {} windows in {} ms", c.getClass().getSimpleName(), train.size(),
          validation.size(), (System.nanoTime() - t0) / 1_000_000);
      return new BranchFeatures(c, train, validation, normalisation);
    });
  }
}
