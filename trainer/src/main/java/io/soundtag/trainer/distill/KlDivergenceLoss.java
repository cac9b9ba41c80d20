package io.soundtag.trainer.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Knowledge-distillation loss {@code T² · KL(p_teacher(T) ‖ p_student(T))} (the {@code T²}
 * optional), averaged over the
 * batch, for DJL training (it is built from differentiable NDArray operations, so gradients flow to
 * the student logits).
 *
 * <p>Soft labels follow Gao et al. ("Multi-Representation Knowledge Distillation for Audio Classification") Eq. 2, {@code p_j = exp(g_j/T) / Σ_k
 * exp(g_k/T)}; the divergence is Eq. 4, {@code L_kl = −(1/N) Σ_i Σ_j P_i^j log(P̄_i^j / P_i^j)}, with
 * the aggregated teacher P̄ of Eq. 3 as the target. Eq. 4 as printed puts the branch's own soft
 * labels first, i.e. KL(student ‖ teacher); the default here is the usual KL(teacher ‖ student)
 * of Hinton et al. (2015) — what PyTorch's {@code KLDivLoss(log p_student, p_teacher)} computes —
 * and {@link Direction#STUDENT_TO_TEACHER} follows Eq. 4 literally. The {@code T²} factor (Hinton
 * et al.) keeps gradient magnitudes independent of T; at T = 1 the loss is exactly Eq. 4.
 *
 * <p>Inputs to {@link #evaluate}: {@code labels.head()} is the teacher, either logits (softened
 * here with T) or probabilities that are already soft labels at T (e.g. the averaged P̄ of
 * Eq. 3), as {@link TeacherInput} says; {@code predictions.head()} is the student's logits. Both
 * are (batch, classes).
 *
 * <p>For multi-label tasks use {@link Distribution#SIGMOID}: each class is a Bernoulli variable
 * {@code σ(z/T)} and the loss is the per-class binary KL averaged over classes (the scale of
 * mean-reduced BCE), times {@code T²}.
 */
public final class KlDivergenceLoss extends Loss {

  /** Whether the teacher tensor holds logits or probabilities. */
  public enum TeacherInput {
    /** Raw teacher logits; softened with the temperature here. */
    LOGITS,
    /** Teacher probabilities, already softened (rows sum to 1 for softmax, in [0,1] for sigmoid). */
    PROBABILITIES
  }

  /** How class scores become a distribution. */
  public enum Distribution {
    /** One categorical distribution over the classes (single-label tasks). */
    SOFTMAX,
    /** An independent Bernoulli per class (multi-label tasks). */
    SIGMOID
  }

  /** Which distribution comes first in the divergence. */
  public enum Direction {
    /** KL(teacher ‖ student), Hinton et al. 2015; the default. */
    TEACHER_TO_STUDENT,
    /** KL(student ‖ teacher), Eq. 4 of Gao et al. as printed. */
    STUDENT_TO_TEACHER
  }

  private static final float EPS = 1e-12f;

  private final float temperature;
  private final TeacherInput teacherInput;
  private final Distribution distribution;
  private final Direction direction;
  private final boolean temperatureSquared;

  /** Softmax, teacher logits, KL(teacher ‖ student). */
  public KlDivergenceLoss(float temperature) {
    this("KLDivergenceLoss", temperature, TeacherInput.LOGITS, Distribution.SOFTMAX, Direction.TEACHER_TO_STUDENT);
  }

  /** With the {@code T²} factor of Hinton et al. */
  public KlDivergenceLoss(
      String name, float temperature, TeacherInput teacherInput, Distribution distribution, Direction direction) {
    this(name, temperature, teacherInput, distribution, direction, true);
  }

  /**
   * @param temperatureSquared multiply by {@code T²} (Hinton et al.); false gives Eq. 4 of Gao et
   *     al. as printed, which has no such factor
   */
  public KlDivergenceLoss(String name, float temperature, TeacherInput teacherInput, Distribution distribution,
      Direction direction, boolean temperatureSquared) {
    super(name);
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
    }
    this.temperature = temperature;
    this.teacherInput = teacherInput;
    this.distribution = distribution;
    this.direction = direction;
    this.temperatureSquared = temperatureSquared;
  }

  public float temperature() {
    return temperature;
  }

  public TeacherInput teacherInput() {
    return teacherInput;
  }

  public Distribution distribution() {
    return distribution;
  }

  public Direction direction() {
    return direction;
  }

  /**
   * @param labels {@code labels.head()}: teacher logits or probabilities (batch, classes)
   * @param predictions {@code predictions.head()}: student logits (batch, classes)
   * @return scalar {@code T² · mean_batch KL}
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return divergence(labels.head(), predictions.head());
  }

  /** Whether the divergence is multiplied by {@code T²}. */
  public boolean temperatureSquared() {
    return temperatureSquared;
  }

  /** The loss from teacher and student tensors directly. */
  public NDArray divergence(NDArray teacher, NDArray studentLogits) {
    return perSample(teacher, studentLogits).mean();
  }

  /** The loss of every row, shape (batch): the divergence, times {@code T²} when so configured. */
  public NDArray perSample(NDArray teacher, NDArray studentLogits) {
    if (!teacher.getShape().equals(studentLogits.getShape())) {
      throw new IllegalArgumentException(
          "teacher " + teacher.getShape() + " and student " + studentLogits.getShape() + " shapes differ");
    }
    NDArray perSample = distribution == Distribution.SOFTMAX
        ? categorical(teacher, studentLogits)
        : bernoulli(teacher, studentLogits);
    return temperatureSquared ? perSample.mul(temperature * temperature) : perSample;
  }

  private NDArray categorical(NDArray teacher, NDArray studentLogits) {
    NDArray logQ = studentLogits.div(temperature).logSoftmax(-1);
    NDArray p;
    NDArray logP;
    if (teacherInput == TeacherInput.LOGITS) {
      logP = teacher.div(temperature).logSoftmax(-1);
      p = logP.exp();
    } else {
      p = teacher;
      logP = teacher.maximum(EPS).log();
    }
    if (direction == Direction.TEACHER_TO_STUDENT) {
      return p.mul(logP.sub(logQ)).sum(new int[] {-1});
    }
    return logQ.exp().mul(logQ.sub(logP)).sum(new int[] {-1});
  }

  private NDArray bernoulli(NDArray teacher, NDArray studentLogits) {
    NDArray s = studentLogits.div(temperature);
    NDArray logQ = logSigmoid(s);
    NDArray log1mQ = logSigmoid(s.neg());
    NDArray p;
    NDArray logP;
    NDArray log1mP;
    if (teacherInput == TeacherInput.LOGITS) {
      NDArray t = teacher.div(temperature);
      logP = logSigmoid(t);
      log1mP = logSigmoid(t.neg());
      p = logP.exp();
    } else {
      p = teacher;
      logP = teacher.maximum(EPS).log();
      log1mP = teacher.neg().add(1).maximum(EPS).log();
    }
    NDArray kl;
    if (direction == Direction.TEACHER_TO_STUDENT) {
      kl = p.mul(logP.sub(logQ)).add(p.neg().add(1).mul(log1mP.sub(log1mQ)));
    } else {
      NDArray q = logQ.exp();
      kl = q.mul(logQ.sub(logP)).add(q.neg().add(1).mul(log1mQ.sub(log1mP)));
    }
    return kl.mean(new int[] {-1});
  }

  /** {@code log σ(x) = −softplus(−x) = min(x, 0) − log(1 + e^{−|x|})}, stable for large |x|. */
  static NDArray logSigmoid(NDArray x) {
    return x.minimum(0).sub(x.abs().neg().exp().add(1).log());
  }
}
