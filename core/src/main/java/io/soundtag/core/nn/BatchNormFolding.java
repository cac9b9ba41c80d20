package io.soundtag.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.PairList;
import java.util.List;

/**
 * An inference-time rewrite of a network with loaded parameters: every batch norm that directly
 * follows a 2-D convolution is folded into that convolution, {@code W' = W·s}, {@code b' = β − μ·s
 * (+ b·s)} with {@code s = γ / sqrt(σ² + ε)} per output channel, so a forward pass runs one
 * operation where it ran two and gives the same logits within float rounding. The running
 * statistics are frozen into the weights: the result has no batch norms left, and is trained only
 * as such (the int8 fine-tuning of {@link Int8Network}), never in place of the unfolded network.
 *
 * <p>Folds inside {@link SequentialBlock}s, residual joins and {@link BranchNetwork}s, the
 * containers every family is built from; every other block is kept as it is (shared with the
 * original network, whose parameters must stay open as long as the folded one is used).
 */
public final class BatchNormFolding {

  /** DJL's default batch-norm epsilon, the one every family builds its batch norms with. */
  static final float EPSILON = 1e-5f;

  private BatchNormFolding() {}

  /**
   * The network with its conv → batch-norm pairs folded; new parameters are allocated on
   * {@code manager}.
   *
   * @param network a network from {@link Networks} with parameters loaded
   */
  public static Block fold(Block network, NDManager manager) {
    if (network instanceof BranchNetwork b) {
      return new BranchNetwork(fold(b.trunk(), manager), fold(b.head(), manager), b.exposesEmbedding());
    }
    if (network instanceof Residual r) {
      return Residual.of(fold(r.body(), manager), fold(r.shortcut(), manager), r.reluAfter());
    }
    if (network.getClass() == SequentialBlock.class) {
      List<Block> children = network.getChildren().values();
      SequentialBlock folded = new SequentialBlock();
      for (int i = 0; i < children.size(); i++) {
        Block child = children.get(i);
        if (child instanceof Conv2d conv && i + 1 < children.size() && children.get(i + 1) instanceof BatchNorm norm) {
          folded.add(folded(conv, norm, manager));
          i++;
        } else {
          folded.add(fold(child, manager));
        }
      }
      return folded;
    }
    return network;
  }

  private static Conv2d folded(Conv2d conv, BatchNorm norm, NDManager manager) {
    PairList<String, ai.djl.nn.Parameter> bn = norm.getParameters();
    NDArray gamma = bn.get("gamma").getArray();
    NDArray beta = bn.get("beta").getArray();
    NDArray mean = bn.get("runningMean").getArray();
    NDArray variance = bn.get("runningVar").getArray();
    NDArray weight = conv.getParameters().get("weight").getArray();
    NDArray scale = gamma.div(variance.add(EPSILON).sqrt());
    NDArray foldedWeight = weight.mul(scale.reshape(scale.getShape().get(0), 1, 1, 1));
    NDArray foldedBias = beta.sub(mean.mul(scale));
    if (conv.isIncludeBias()) {
      foldedBias = foldedBias.add(conv.getParameters().get("bias").getArray().mul(scale));
    }
    Conv2d result = Conv2d.builder()
        .setFilters(conv.getFilters())
        .setKernelShape(conv.getKernelShape())
        .optStride(conv.getStride())
        .optPadding(conv.getPadding())
        .optDilation(conv.getDilation())
        .optGroups(conv.getGroups())
        .optBias(true)
        .build();
    result.getParameters().get("weight").setArray(manager.from(foldedWeight));
    result.getParameters().get("bias").setArray(manager.from(foldedBias));
    return result;
  }
}
