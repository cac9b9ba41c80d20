package io.soundtag.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.soundtag.core.nn.BranchNetwork;

/**
 * The training form of a branch with a {@link CoarseHead}: the branch network, built with its
 * pooled embedding exposed, and a linear layer from that embedding (the one the fine classifier
 * reads) to the coarse groups. Its output is {@code NDList(fineLogits, coarseLogits)}.
 *
 * <p>{@link #served()} is the branch alone; its parameters are those of the served network, so
 * what a bundle stores has the layout it always had and the coarse layer is left behind.
 */
final class CoarseHeadNetwork extends AbstractBlock {

  private static final byte VERSION = 1;

  private final BranchNetwork branch;
  private final Block coarse;

  /** @param branch built with {@code Networks.buildWithEmbedding} */
  CoarseHeadNetwork(BranchNetwork branch, int groups) {
    super(VERSION);
    if (!branch.exposesEmbedding()) {
      throw new IllegalArgumentException("the coarse head reads the branch's embedding: build it with buildWithEmbedding");
    }
    this.branch = addChildBlock("branch", branch);
    this.coarse = addChildBlock("coarse", Linear.builder().setUnits(groups).optBias(true).build());
  }

  /** The fine path: what a bundle serves. */
  Block served() {
    return branch;
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList out = branch.forward(parameterStore, inputs, training, params);
    NDArray coarseLogits = coarse.forward(parameterStore, new NDList(out.get(1)), training, params).singletonOrThrow();
    return new NDList(out.get(0), coarseLogits);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] out = branch.getOutputShapes(inputShapes);
    return new Shape[] {out[0], coarse.getOutputShapes(new Shape[] {out[1]})[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    branch.initialize(manager, dataType, inputShapes);
    coarse.initialize(manager, dataType, branch.getOutputShapes(inputShapes)[1]);
  }
}
