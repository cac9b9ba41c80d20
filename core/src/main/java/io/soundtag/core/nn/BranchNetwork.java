package io.soundtag.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A branch network: a convolutional trunk that maps (batch, channels, bins, frames) to a feature
 * map, and a head that maps the feature map to logits (batch, classes).
 *
 * <p>Built with the embedding exposed, its output is {@code NDList(logits, embedding)} where the
 * embedding is the global average of the trunk's feature map (batch, featureChannels): the
 * penultimate representation used for feature-level distillation (Sistla & Jain, "Intermediate Feature Fusion Based Knowledge Distillation for Urban Sound Tagging"). Either way the
 * parameters are the same, so a parameter file saved from one form loads into the other.
 */
public final class BranchNetwork extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Block trunk;
  private final Block head;
  private final boolean exposeEmbedding;

  BranchNetwork(Block trunk, Block head, boolean exposeEmbedding) {
    super(VERSION);
    this.trunk = addChildBlock("trunk", trunk);
    this.head = addChildBlock("head", head);
    this.exposeEmbedding = exposeEmbedding;
  }

  /** The trunk: input to feature map. */
  public Block trunk() {
    return trunk;
  }

  /** The head: feature map to logits. */
  public Block head() {
    return head;
  }

  /** Whether the output also holds the embedding after the logits. */
  public boolean exposesEmbedding() {
    return exposeEmbedding;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList features = trunk.forward(parameterStore, inputs, training, params);
    NDArray logits = head.forward(parameterStore, features, training, params).singletonOrThrow();
    if (!exposeEmbedding) {
      return new NDList(logits);
    }
    return new NDList(logits, Pool.globalAvgPool2d(features.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] features = trunk.getOutputShapes(inputShapes);
    Shape[] logits = head.getOutputShapes(features);
    if (!exposeEmbedding) {
      return logits;
    }
    return new Shape[] {logits[0], new Shape(features[0].get(0), features[0].get(1))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    trunk.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, trunk.getOutputShapes(inputShapes));
  }
}
