package io.soundtag.trainer.sidecar;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.trainer.job.TrainingRecipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes two candidates the same: the release they follow, the labels they were trained on and
 * the recipe. Known before training starts, so a restarted sidecar can see in the release log that a
 * candidate was already decided, and never publishes it twice.
 *
 * @param parentRelease the served release number it follows, or null when nothing is served
 * @param labelSetHash the label snapshot's hash
 * @param recipeHash the recipe's hash
 */
record CandidateIdentity(Long parentRelease, String labelSetHash, String recipeHash) {

  /** A short key, for the run's directory. */
  String key() {
    return ModelBundle.sha256((parentRelease + "|" + labelSetHash + "|" + recipeHash).getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  /** The gate decision already recorded for this candidate, if any. */
  Optional<ModelRelease> decided(List<ModelRelease> history) {
    return history.stream()
        .filter(r -> r.getDecision() == ReleaseDecision.PROMOTED || r.getDecision() == ReleaseDecision.REFUSED)
        .filter(r -> Objects.equals(r.getParentRelease(), parentRelease) && sameData(r))
        .findFirst();
  }

  /** Whether {@code served} was itself trained on these labels with this recipe: nothing new to learn. */
  boolean servedIsTrainedOnThis(ModelRelease served) {
    return sameData(served);
  }

  private boolean sameData(ModelRelease r) {
    return r.getLabelSnapshot() != null && labelSetHash.equals(r.getLabelSnapshot().getLabelSetHash())
        && recipeHash.equals(recipeHashOf(r.getRecipe()));
  }

  /** The hash of a release's recipe text when it is a recipe, else null (a release published by hand). */
  static String recipeHashOf(String text) {
    try {
      return TrainingRecipe.parse(text).hash();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
