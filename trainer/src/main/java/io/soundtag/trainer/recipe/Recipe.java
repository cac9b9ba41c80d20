package io.soundtag.trainer.recipe;

import java.util.Locale;
import java.util.Optional;

/** How the branches are trained. */
public enum Recipe {
  /** Each branch on the labels alone (Gao et al., Eq. 1). */
  SUPERVISED,
  /**
   * Multi-representation knowledge distillation (Gao, Xu, Wang &amp; Peng), Algorithm 1, with
   * consistent teaching (CED), optionally with frozen teachers inside the cycles.
   */
  MRKD,
  /**
   * Ensemble distillation through a logit store ("CED: Consistent ensemble distillation for audio
   * tagging"): teachers once, then the student from the store.
   */
  CED,
  /**
   * Feature-fusion distillation (Sistla &amp; Jain): branches pre-trained alone, then fine-tuned
   * jointly with a fusion module over their pooled feature maps, each branch pulled towards the
   * fusion module's output.
   */
  FUSION;

  /** Parses {@code supervised}, {@code mrkd}, {@code ced} or {@code fusion}. */
  public static Recipe fromCliName(String name) {
    return named(name).orElseThrow(
        () -> new IllegalArgumentException("unknown recipe '" + name + "'; use supervised, mrkd, ced or fusion"));
  }

  /** The recipe of that CLI name, or empty for a name this build does not know (a newer bundle's). */
  public static Optional<Recipe> named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "supervised" -> Optional.of(SUPERVISED);
      case "mrkd" -> Optional.of(MRKD);
      case "ced" -> Optional.of(CED);
      case "fusion" -> Optional.of(FUSION);
      default -> Optional.empty();
    };
  }

  /** What the student a bundle serves is, when this recipe trained it, in words for an operator. */
  public String servedStudent() {
    return switch (this) {
      case SUPERVISED -> "a student trained alone on the labels (supervised)";
      case CED -> "a student distilled from a teacher ensemble's stored logits (ced)";
      case MRKD -> "a student distilled by multi-representation cyclic distillation (mrkd)";
      case FUSION -> "a branch of feature-fusion distillation (fusion)";
    };
  }

  /**
   * Whether the method can train a coarse head beside the fine classifier (Bai et al.): supervised
   * and mrkd share one training step; ced's student and fusion's joint fine-tuning have their own
   * and take none.
   */
  public boolean takesCoarseHead() {
    return this == SUPERVISED || this == MRKD;
  }

  /** Why a coarse weight &gt; 0 is refused with this method. */
  public String coarseHeadRefusal() {
    return "a coarse head (coarseWeight > 0) trains with the supervised and mrkd methods only; " + cliName()
        + " has its own training step without one: set coarseWeight to 0 or use --recipe mrkd";
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
