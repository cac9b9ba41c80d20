package io.soundtag.trainer.distill;

import java.util.Locale;

/**
 * Which divergence the distillation epochs of cyclic distillation minimise next to the
 * cross-entropy, both with the branches' averaged soft labels {@code P̄} (Gao et al., Eq. 3) as the
 * fixed teacher and the branch's own soft labels {@code P = softmax(g / T)} (Eq. 2).
 */
public enum DistillationForm {
  /**
   * {@code L = L_ce + λ · T² · KL(P̄ ‖ P)}: the teacher first, as PyTorch's {@code KLDivLoss} and
   * Hinton et al. (2015) have it, with their {@code T²} factor that keeps the gradient's size
   * independent of T. Deviates from the paper in the direction and the factor.
   */
  HINTON,
  /**
   * Eqs. 4–5 of Gao et al. as printed: {@code L_kl = −(1/N) Σ_i Σ_j P_i^j log(P̄_i^j / P_i^j)}, that
   * is {@code KL(P ‖ P̄)} with the branch's own soft labels first, no {@code T²}, and
   * {@code L_d = L_ce + λ·L_kl} (the paper's λ is 1).
   */
  PAPER;

  /** The divergence term at temperature {@code T}, with {@code P̄} given as probabilities. */
  public KlDivergenceLoss divergence(float temperature, KlDivergenceLoss.Distribution distribution) {
    return this == HINTON
        ? new KlDivergenceLoss("kl", temperature, KlDivergenceLoss.TeacherInput.PROBABILITIES, distribution,
            KlDivergenceLoss.Direction.TEACHER_TO_STUDENT, true)
        : new KlDivergenceLoss("kl", temperature, KlDivergenceLoss.TeacherInput.PROBABILITIES, distribution,
            KlDivergenceLoss.Direction.STUDENT_TO_TEACHER, false);
  }

  /** Parses {@code hinton} or {@code paper}. */
  public static DistillationForm fromCliName(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "hinton" -> HINTON;
      case "paper" -> PAPER;
      default -> throw new IllegalArgumentException("unknown distillation form '" + name + "'; use hinton or paper");
    };
  }
}
