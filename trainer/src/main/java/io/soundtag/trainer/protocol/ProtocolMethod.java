package io.soundtag.trainer.protocol;

import java.util.Arrays;
import java.util.Locale;

/** A way of training the protocol's student (or, for {@link #TEACHERS}, the ensemble it is taught by). */
public enum ProtocolMethod {
  /** The student network on the labels alone: the baseline every other method is paired with. */
  ALONE,
  /**
   * The {@link #ALONE} student after quantisation-aware fine-tuning to int8: the same run as
   * {@link #ALONE}, its int8 student scored as this method, so that what the fine-tuning itself
   * adds (a few epochs on the labels, without augmentation, with batch norms folded) is measured
   * apart from distillation.
   */
  ALONE_INT8,
  /** Cyclic multi-representation distillation (Gao et al.) over the recipe's branches. */
  MRKD,
  /** The student from the fold's logit store of the teacher ensemble (CED), on the labelled windows. */
  CED,
  /** As {@link #CED}, with label-free views of the unlabelled audio in the store too. */
  CED_UNLABELLED,
  /**
   * The {@link #CED_UNLABELLED} student after quantisation-aware fine-tuning to int8: the same run
   * as {@link #CED_UNLABELLED} (which it brings along), its float32 student scored as that method
   * and its int8 student as this one, so the pair is the accuracy cost of int8.
   */
  CED_INT8,
  /** Feature-fusion distillation (Sistla &amp; Jain) over the recipe's branches; the student branch is scored. */
  FUSION,
  /** The teacher ensemble itself, trained once per fold (first seed). */
  TEACHERS;

  /** {@code alone}, {@code alone-int8}, {@code mrkd}, {@code ced}, {@code ced-unlabelled}, {@code ced-int8}, {@code fusion}, {@code teachers}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** For an int8 method, the method whose run it quantises ({@link #ALONE} or {@link #CED_UNLABELLED}); else null. */
  public ProtocolMethod quantisedFrom() {
    return switch (this) {
      case ALONE_INT8 -> ALONE;
      case CED_INT8 -> CED_UNLABELLED;
      default -> null;
    };
  }

  /** Parses a {@link #cliName()}. */
  public static ProtocolMethod fromCliName(String name) {
    for (ProtocolMethod m : values()) {
      if (m.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + name + "'; use "
        + String.join(", ", Arrays.stream(values()).map(ProtocolMethod::cliName).toList()));
  }

  /** Whether the method needs the fold's teachers. */
  public boolean taught() {
    return this == CED || this == CED_UNLABELLED || this == TEACHERS;
  }
}
