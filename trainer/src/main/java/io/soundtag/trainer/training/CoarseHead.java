package io.soundtag.trainer.training;

import ai.djl.ndarray.NDArray;
import io.soundtag.trainer.distill.DistillationLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The auxiliary coarse classifier of "Hierarchical Acoustic Scene Classification with Knowledge
 * Distillation and Pre-trained Dynamic Networks" (Bai et al.): one logit per coarse group beside
 * the fine classifier, trained with {@code L = L_fine + β·L_coarse}. It exists only while training;
 * the served network is the fine path alone.
 *
 * @param groups the coarse groups, in the order their first fine class appears
 * @param groupOf coarse group index of every fine class, in the model's class order
 * @param weight β, the weight of the coarse loss; &gt; 0
 */
public record CoarseHead(List<String> groups, int[] groupOf, double weight) {

  public CoarseHead {
    groups = List.copyOf(groups);
    groupOf = groupOf.clone();
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("the coarse weight must be > 0 for a coarse head, got " + weight);
    }
    for (int g : groupOf) {
      if (g < 0 || g >= groups.size()) {
        throw new IllegalArgumentException("coarse group index " + g + " is not one of the " + groups.size() + " groups");
      }
    }
  }

  @Override
  public int[] groupOf() {
    return groupOf.clone();
  }

  /**
   * The head for {@code classes} grouped by {@code coarseOf} (fine class → coarse group, as a
   * bundle's {@code coarseTaxonomy}).
   *
   * @throws IllegalArgumentException when the taxonomy is empty or leaves a class out
   */
  public static CoarseHead of(List<String> classes, Map<String, String> coarseOf, double weight) {
    if (coarseOf.isEmpty()) {
      throw new IllegalArgumentException("a coarse weight > 0 needs a coarse taxonomy (fine class → coarse group), "
          + "e.g. training with --taxonomy; this data has none");
    }
    List<String> missing = classes.stream().filter(c -> !coarseOf.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the coarse taxonomy has no group for the classes " + missing);
    }
    List<String> groups = new ArrayList<>(new LinkedHashSet<>(classes.stream().map(coarseOf::get).toList()));
    return new CoarseHead(groups, classes.stream().mapToInt(c -> groups.indexOf(coarseOf.get(c))).toArray(), weight);
  }

  /** Number of coarse logits. */
  public int size() {
    return groups.size();
  }

  /**
   * The coarse target of a fine target: each group takes the largest target of its classes, so a
   * multi-hot (or mixed) fine target stays a valid coarse one and an all-zero negative stays
   * all-zero.
   */
  public float[] targets(float[] fine) {
    if (fine.length != groupOf.length) {
      throw new IllegalArgumentException("a fine target of " + fine.length + " classes for a taxonomy of " + groupOf.length);
    }
    float[] coarse = new float[groups.size()];
    for (int c = 0; c < fine.length; c++) {
      coarse[groupOf[c]] = Math.max(coarse[groupOf[c]], fine[c]);
    }
    return coarse;
  }

  /** {@link #targets(float[])} of every row, flattened row after row. */
  public float[] flatTargets(float[][] fine) {
    float[] out = new float[fine.length * groups.size()];
    for (int r = 0; r < fine.length; r++) {
      System.arraycopy(targets(fine[r]), 0, out, r * groups.size(), groups.size());
    }
    return out;
  }

  /**
   * {@code β·L_coarse}: the fine head's kind of supervised loss (cross-entropy or mean BCE, as
   * {@code loss} computes it) of the coarse logits against the coarse targets.
   */
  public NDArray weightedLoss(DistillationLoss loss, NDArray coarseTargets, NDArray coarseLogits) {
    return loss.supervised(coarseTargets, coarseLogits).mul((float) weight);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoarseHead h && groups.equals(h.groups) && Arrays.equals(groupOf, h.groupOf) && weight == h.weight;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * groups.hashCode() + Arrays.hashCode(groupOf)) + Double.hashCode(weight);
  }

  @Override
  public String toString() {
    return "coarse head " + groups + " weight " + weight;
  }
}
