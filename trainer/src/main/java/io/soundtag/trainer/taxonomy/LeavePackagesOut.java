package io.soundtag.trainer.taxonomy;

/**
 * Which source packages a run tests and calibrates on: of {@code folds} package folds (see {@link
 * PackageFolds}), fold {@code testFold} is the test part (0: none, the shipped model's case) and
 * fold {@code validationFold} the held-out clips the thresholds are calibrated on; the other folds
 * train.
 */
public record LeavePackagesOut(int folds, int testFold, int validationFold) {

  public LeavePackagesOut {
    if (folds < 2) {
      throw new IllegalArgumentException("leave-packages-out needs at least 2 folds, got " + folds);
    }
    if (testFold < 0 || testFold > folds) {
      throw new IllegalArgumentException("the test fold is 1.." + folds + " (0 for none), got " + testFold);
    }
    if (validationFold < 1 || validationFold > folds || validationFold == testFold) {
      throw new IllegalArgumentException("the validation fold is 1.." + folds + " and not the test fold (" + testFold + "), got "
          + validationFold);
    }
  }

  /** The fold after the test fold (wrapping), or fold {@code folds} without a test fold. */
  public static LeavePackagesOut of(int folds, int testFold) {
    return new LeavePackagesOut(folds, testFold, testFold == 0 ? folds : testFold % folds + 1);
  }
}
