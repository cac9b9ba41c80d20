package io.soundtag.trainer.report;

/**
 * One epoch of one branch; {@code NaN} where a value was not measured.
 *
 * @param epoch 1-based epoch
 * @param trainLoss mean training loss
 * @param validationLoss mean validation loss
 * @param validationAccuracy validation accuracy, 0..1
 * @param validationMapAt3 validation mAP@3, 0..1
 * @param phase what the branch was doing, e.g. {@code "independent"} or {@code "distilled"}
 *     (Gao et al.'s cyclic schedule alternates them)
 */
public record EpochRecord(
    int epoch, double trainLoss, double validationLoss, double validationAccuracy, double validationMapAt3, String phase) {

  public EpochRecord {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs count from 1, got " + epoch);
    }
    phase = phase == null ? "" : phase;
  }
}
