package io.soundtag.trainer.recipe;

import java.util.Locale;

/** How the branches are trained. */
public enum Recipe {
  /** Each branch on the labels alone (Gao et al., Eq. 1). */
  SUPERVISED,
  /** Multi-representation knowledge distillation (Gao, Xu, Wang, Peng), Algorithm 1, with consistent teaching (CED). */
  MRKD;

  /** Parses {@code supervised} or {@code mrkd}. */
  public static Recipe fromCliName(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "supervised" -> SUPERVISED;
      case "mrkd" -> MRKD;
      default -> throw new IllegalArgumentException("unknown recipe '" + name + "'; use supervised or mrkd");
    };
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
