package io.soundtag.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.soundtag.core.nn.BranchNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The network of feature-fusion distillation (Sistla &amp; Jain, "Intermediate Feature Fusion Based
 * Knowledge Distillation for Urban Sound Tagging", section III-C and IV-C): every branch's last
 * feature map, globally average-pooled, concatenated over the channels, then two fully connected
 * layers with batch norm and ReLU and a linear classifier. Input: one array per branch (its own
 * representation); output: every branch's logits, then the fusion module's.
 *
 * <p>The paper pools each map to the smallest common size, concatenates and then pools globally;
 * pooling each map globally first and concatenating is the same. Its layers are 2560 and 512 wide
 * for two 1280-channel maps: here the concatenated width C and C / 5, alike in proportion.
 */
final class FusionNetwork extends AbstractBlock {

  private static final byte VERSION = 1;

  private final List<BranchNetwork> branches;
  private final int classes;
  private final Block head;

  /**
   * @param branches the branch networks, each built with its embedding exposed
   * @param inputShapes each branch's input (batch, channels, bins, frames), to size the fusion layers
   */
  FusionNetwork(List<BranchNetwork> branches, int classes, List<Shape> inputShapes) {
    super(VERSION);
    this.branches = List.copyOf(branches);
    this.classes = classes;
    long channels = 0;
    for (int b = 0; b < this.branches.size(); b++) {
      BranchNetwork branch = this.branches.get(b);
      if (!branch.exposesEmbedding()) {
        throw new IllegalArgumentException("branch " + b + " of a fusion network must expose its embedding");
      }
      addChildBlock("branch" + b, branch);
      channels += branch.getOutputShapes(new Shape[] {inputShapes.get(b)})[1].get(1);
    }
    this.head = addChildBlock("fusion", fusionHead((int) channels, classes));
  }

  List<BranchNetwork> branches() {
    return branches;
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList logits = new NDList();
    NDList embeddings = new NDList();
    for (int b = 0; b < branches.size(); b++) {
      NDList out = branches.get(b).forward(parameterStore, new NDList(inputs.get(b)), training, params);
      logits.add(out.get(0));
      embeddings.add(out.get(1));
    }
    NDArray fused = NDArrays.concat(embeddings, 1);
    logits.add(head.forward(parameterStore, new NDList(fused), training, params).singletonOrThrow());
    return logits;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] out = new Shape[branches.size() + 1];
    for (int b = 0; b < branches.size(); b++) {
      out[b] = branches.get(b).getOutputShapes(new Shape[] {inputShapes[b]})[0];
    }
    out[branches.size()] = new Shape(inputShapes[0].get(0), classes);
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long channels = 0;
    for (int b = 0; b < branches.size(); b++) {
      branches.get(b).initialize(manager, dataType, inputShapes[b]);
      channels += branches.get(b).getOutputShapes(new Shape[] {inputShapes[b]})[1].get(1);
    }
    head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), channels));
  }

  private static Block fusionHead(int channels, int classes) {
    List<Integer> widths = new ArrayList<>(List.of(channels, Math.max(classes, channels / 5)));
    SequentialBlock head = new SequentialBlock();
    for (int w : widths) {
      head.add(Linear.builder().setUnits(w).optBias(false).build());
      head.add(BatchNorm.builder().build());
      head.add(Activation.reluBlock());
    }
    head.add(Linear.builder().setUnits(classes).optBias(true).build());
    return head;
  }
}
