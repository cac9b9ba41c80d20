package io.soundtag.trainer.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Distillation objective of Gao et al. ("Multi-Representation Knowledge Distillation for Audio
 * Classification") Eq. 5, {@code L_d = L_ce + λ · L_kl}: the supervised loss on
 * the hard labels (softmax cross-entropy, Eq. 1, for single-label tasks; mean sigmoid binary
 * cross-entropy for multi-label ones) plus λ times the {@link KlDivergenceLoss} to the teacher's soft
 * labels. The paper uses λ = 1.
 *
 * <p>{@link #evaluate} takes {@code labels = [hardTargets, teacher]}, where hard targets are dense
 * (batch, classes) one-hot or multi-hot floats (soft targets from mixup also work) and the teacher
 * is what the KL loss expects; {@code predictions = [studentLogits]}.
 */
public final class DistillationLoss extends Loss {

  private final KlDivergenceLoss kl;
  private final float lambda;

  /**
   * @param kl the divergence term; its {@link KlDivergenceLoss#distribution()} also selects the
   *     supervised term (SOFTMAX → cross-entropy, SIGMOID → BCE)
   * @param lambda weight of the divergence term, ≥ 0
   */
  public DistillationLoss(KlDivergenceLoss kl, float lambda) {
    super("DistillationLoss");
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
    }
    this.kl = kl;
    this.lambda = lambda;
  }

  public float lambda() {
    return lambda;
  }

  public KlDivergenceLoss kl() {
    return kl;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    if (labels.size() != 2) {
      throw new IllegalArgumentException("labels must be [hardTargets, teacher], got " + labels.size() + " arrays");
    }
    NDArray student = predictions.head();
    NDArray supervised = supervised(labels.get(0), student);
    return supervised.add(kl.divergence(labels.get(1), student).mul(lambda));
  }

  /** Cross-entropy (Eq. 1) or mean BCE of the student logits against dense targets. */
  public NDArray supervised(NDArray targets, NDArray studentLogits) {
    return supervisedPerSample(targets, studentLogits).mean();
  }

  /** {@link #supervised} of every row, shape (batch). */
  public NDArray supervisedPerSample(NDArray targets, NDArray studentLogits) {
    if (kl.distribution() == KlDivergenceLoss.Distribution.SOFTMAX) {
      return targets.mul(studentLogits.logSoftmax(-1)).sum(new int[] {-1}).neg();
    }
    NDArray logQ = KlDivergenceLoss.logSigmoid(studentLogits);
    NDArray log1mQ = KlDivergenceLoss.logSigmoid(studentLogits.neg());
    return targets.mul(logQ).add(targets.neg().add(1).mul(log1mQ)).neg().mean(new int[] {-1});
  }
}
