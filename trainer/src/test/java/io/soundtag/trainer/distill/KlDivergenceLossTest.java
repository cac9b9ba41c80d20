package io.soundtag.trainer.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.soundtag.trainer.distill.KlDivergenceLoss.Direction;
import io.soundtag.trainer.distill.KlDivergenceLoss.Distribution;
import io.soundtag.trainer.distill.KlDivergenceLoss.TeacherInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KlDivergenceLossTest {

  private static final float[][] TEACHER = {{2.0f, 0.5f, -1.0f}, {0.1f, 0.2f, 3.0f}};
  private static final float[][] STUDENT = {{1.0f, 1.0f, 0.0f}, {-0.5f, 0.7f, 1.5f}};
  private static final float T = 2.0f;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray array(float[][] values) {
    return manager.create(values);
  }

  private static double[] softmax(float[] z, double t) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v / t);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] / t - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Hand computation: T² · (1/N) Σ_i Σ_j p_ij log(p_ij / q_ij). */
  private static double handKl(boolean teacherFirst) {
    double total = 0;
    for (int i = 0; i < TEACHER.length; i++) {
      double[] p = softmax(TEACHER[i], T);
      double[] q = softmax(STUDENT[i], T);
      for (int j = 0; j < p.length; j++) {
        total += teacherFirst ? p[j] * Math.log(p[j] / q[j]) : q[j] * Math.log(q[j] / p[j]);
      }
    }
    return T * T * total / TEACHER.length;
  }

  @Test
  void matchesHandComputationFromLogits() {
    float loss = new KlDivergenceLoss(T).evaluate(new NDList(array(TEACHER)), new NDList(array(STUDENT))).getFloat();
    assertThat((double) loss).isCloseTo(handKl(true), within(1e-5));
    assertThat(handKl(true)).isGreaterThan(0.01);
  }

  @Test
  void acceptsTeacherProbabilitiesAndTheSeedEquationFourDirection() {
    float[][] probabilities = new float[2][];
    for (int i = 0; i < 2; i++) {
      double[] p = softmax(TEACHER[i], T);
      probabilities[i] = new float[] {(float) p[0], (float) p[1], (float) p[2]};
    }
    KlDivergenceLoss fromProbabilities =
        new KlDivergenceLoss("kl", T, TeacherInput.PROBABILITIES, Distribution.SOFTMAX, Direction.TEACHER_TO_STUDENT);
    assertThat((double) fromProbabilities.divergence(array(probabilities), array(STUDENT)).getFloat())
        .isCloseTo(handKl(true), within(1e-5));
    KlDivergenceLoss reverse =
        new KlDivergenceLoss("kl", T, TeacherInput.LOGITS, Distribution.SOFTMAX, Direction.STUDENT_TO_TEACHER);
    assertThat((double) reverse.divergence(array(TEACHER), array(STUDENT)).getFloat())
        .isCloseTo(handKl(false), within(1e-5));
  }

  @Test
  void thePaperFormIsEquationFourAsPrintedWithoutTheTemperatureSquared() {
    // Eq. 4: L_kl = −(1/N) Σ_i Σ_j P_i^j log(P̄_i^j / P_i^j), P the branch's own soft labels at T, P̄ the teacher
    float[][] teacher = new float[2][];
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double[] pBar = softmax(TEACHER[i], T);
      double[] p = softmax(STUDENT[i], T);
      teacher[i] = new float[] {(float) pBar[0], (float) pBar[1], (float) pBar[2]};
      for (int j = 0; j < 3; j++) {
        expected -= p[j] * Math.log(pBar[j] / p[j]) / 2;
      }
    }
    KlDivergenceLoss paper = DistillationForm.PAPER.divergence(T, Distribution.SOFTMAX);
    assertThat(paper.temperatureSquared()).isFalse();
    assertThat(paper.direction()).isEqualTo(Direction.STUDENT_TO_TEACHER);
    assertThat((double) paper.divergence(array(teacher), array(STUDENT)).getFloat()).isCloseTo(expected, within(1e-5));
    // today's form: the teacher first and T² (Hinton et al.)
    KlDivergenceLoss hinton = DistillationForm.HINTON.divergence(T, Distribution.SOFTMAX);
    assertThat((double) hinton.divergence(array(teacher), array(STUDENT)).getFloat()).isCloseTo(handKl(true), within(1e-5));
    assertThat(DistillationForm.fromCliName("paper")).isEqualTo(DistillationForm.PAPER);
  }

  @Test
  void isZeroWhenStudentEqualsTeacher() {
    assertThat(new KlDivergenceLoss(T).divergence(array(TEACHER), array(TEACHER)).getFloat()).isCloseTo(0f, within(1e-6f));
  }

  @Test
  void producesTheAnalyticGradientUnderAutograd() {
    NDArray student = array(STUDENT);
    student.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = new KlDivergenceLoss(T).divergence(array(TEACHER), student);
      collector.backward(loss);
    }
    float[] grad = student.getGradient().toFloatArray();
    // d/ds [T² · mean_i KL(p_i || q_i)] = T · (q − p) / N
    for (int i = 0; i < 2; i++) {
      double[] p = softmax(TEACHER[i], T);
      double[] q = softmax(STUDENT[i], T);
      for (int j = 0; j < 3; j++) {
        assertThat((double) grad[i * 3 + j]).isCloseTo(T * (q[j] - p[j]) / 2, within(1e-5));
      }
    }
  }

  @Test
  void sigmoidVariantIsMeanBinaryKlOverClasses() {
    KlDivergenceLoss loss =
        new KlDivergenceLoss("kl", T, TeacherInput.LOGITS, Distribution.SIGMOID, Direction.TEACHER_TO_STUDENT);
    double total = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double p = 1 / (1 + Math.exp(-TEACHER[i][j] / T));
        double q = 1 / (1 + Math.exp(-STUDENT[i][j] / T));
        total += p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
      }
    }
    double expected = T * T * total / 6;
    assertThat((double) loss.divergence(array(TEACHER), array(STUDENT)).getFloat()).isCloseTo(expected, within(1e-5));
  }

  @Test
  void distillationLossIsCrossEntropyPlusLambdaKl() {
    float[][] hard = {{1, 0, 0}, {0, 0, 1}};
    double ce = 0;
    for (int i = 0; i < 2; i++) {
      double[] q = softmax(STUDENT[i], 1);
      ce -= Math.log(q[i == 0 ? 0 : 2]);
    }
    ce /= 2;
    DistillationLoss loss = new DistillationLoss(new KlDivergenceLoss(T), 0.5f);
    float value = loss.evaluate(new NDList(array(hard), array(TEACHER)), new NDList(array(STUDENT))).getFloat();
    assertThat((double) value).isCloseTo(ce + 0.5 * handKl(true), within(1e-5));
  }

  @Test
  void multiLabelDistillationUsesBinaryCrossEntropy() {
    float[][] hard = {{1, 1, 0}, {0, 0, 1}};
    double bce = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double q = 1 / (1 + Math.exp(-STUDENT[i][j]));
        bce -= hard[i][j] * Math.log(q) + (1 - hard[i][j]) * Math.log(1 - q);
      }
    }
    KlDivergenceLoss kl = new KlDivergenceLoss("kl", T, TeacherInput.LOGITS, Distribution.SIGMOID, Direction.TEACHER_TO_STUDENT);
    DistillationLoss loss = new DistillationLoss(kl, 0f);
    assertThat((double) loss.evaluate(new NDList(array(hard), array(TEACHER)), new NDList(array(STUDENT))).getFloat())
        .isCloseTo(bce / 6, within(1e-5));
  }
}
