package io.soundtag.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.soundtag.core.nn.ConvNormActivation.Act;

/**
 * CP-Mobile, the low-complexity student of Bai et al., "Hierarchical Acoustic Scene Classification with Knowledge Distillation and Pre-trained Dynamic Networks" (section 2.2.2; Schmid et al., "Distilling the
 * knowledge of transformers and CNNs with CP-Mobile", DCASE 2023 workshop).
 *
 * <p>Faithful to the seed where it is specific: residual inverted bottleneck ("CPM") blocks, and
 * the hyper-parameters of its section 3: {@code base_channels} 32 (our {@code width}), {@code
 * channels_multiplier} 2.3 and {@code expansion_rate} 3. The seed does not spell out the layout;
 * we follow the CP-Mobile of Schmid et al.'s DCASE 2023 code, and this layout reproduces the
 * seed's Table 2 (system 1): for 10 classes and a 256-band, 64-frame input, 126,940 parameters
 * (seed: 126,952) and 28,889,088 convolution MACs, which plus the 4,180 batch-norm parameters
 * the challenge's counter charges as MACs is the seed's 28,893,268 exactly.
 *
 * <ul>
 *   <li>stem: two 3x3 stride-2 conv-BN-ReLU, to {@code base/4} then {@code base} channels;
 *   <li>stage {@code i} outputs {@code makeDivisible(base·2.3^i, 8)} channels through {@code
 *       max(1, 3−i)} blocks (three stages give CP-Mobile's (3, 2, 1));
 *   <li>a CPM block is 1x1 expansion to {@code makeDivisible(in·3, 8)} channels (BN, ReLU), 3x3
 *       depthwise conv (BN, ReLU), 1x1 projection (BN, no activation); when input and output
 *       channels match, the input is added back (through a 3x3 average pool, padding 1, when the
 *       block strides), and a ReLU follows the block;
 *   <li>strides (bins, frames) by global block number: block 2 halves both (2, 2), block 4
 *       halves bins (2, 1); beyond CP-Mobile's three stages (our extension) the first block of
 *       each further stage halves both;
 *   <li>head: dropout (our addition, off by default), a bias-free 1x1 conv to the classes, batch
 *       norm and global average pooling.
 * </ul>
 *
 * <p>Not included: the Global Response Normalisation some CP-Mobile variants add. Quantisation
 * (CP-Mobile's int8 deployment) is done for every family by {@link Int8Network}.
 */
final class CpMobile {

  /** Bai et al. section 3: channels_multiplier. */
  static final double CHANNELS_MULTIPLIER = 2.3;

  /** Bai et al. section 3: expansion_rate. */
  static final double EXPANSION_RATE = 3;

  private CpMobile() {}

  static TrunkAndHead build(NetworkSpec spec, int numClasses) {
    int base = ConvNormActivation.makeDivisible(spec.width(), 8);
    SequentialBlock trunk = new SequentialBlock();
    trunk.add(ConvNormActivation.of(base / 4, 3, ConvNormActivation.stride(2), 1, Act.RELU));
    trunk.add(ConvNormActivation.of(base, 3, ConvNormActivation.stride(2), 1, Act.RELU));
    int in = base;
    int blockNumber = 0;
    for (int stage = 0; stage < spec.depth(); stage++) {
      int out = ConvNormActivation.makeDivisible(base * Math.pow(CHANNELS_MULTIPLIER, stage), 8);
      int blocks = Math.max(1, 3 - stage);
      for (int b = 0; b < blocks; b++) {
        blockNumber++;
        trunk.add(cpmBlock(in, out, strideOf(blockNumber, stage, b)));
        in = out;
      }
    }
    return new TrunkAndHead(trunk, Heads.convThenPool(numClasses, spec.dropout()));
  }

  private static Shape strideOf(int blockNumber, int stage, int indexInStage) {
    if (blockNumber == 2) {
      return new Shape(2, 2);
    }
    if (blockNumber == 4) {
      return new Shape(2, 1);
    }
    if (stage >= 3 && indexInStage == 0) {
      return new Shape(2, 2);
    }
    return new Shape(1, 1);
  }

  private static Block cpmBlock(int in, int out, Shape stride) {
    int expanded = ConvNormActivation.makeDivisible(in * EXPANSION_RATE, 8);
    SequentialBlock body = new SequentialBlock();
    body.add(ConvNormActivation.of(expanded, 1, Act.RELU));
    body.add(ConvNormActivation.of(expanded, 3, stride, expanded, Act.RELU));
    body.add(ConvNormActivation.of(out, 1, Act.NONE));
    if (in != out) {
      return new SequentialBlock().add(body).add(Activation.reluBlock());
    }
    boolean strided = stride.get(0) != 1 || stride.get(1) != 1;
    Block shortcut =
        strided
            ? Pool.avgPool2dBlock(new Shape(3, 3), stride, new Shape(1, 1), false, true)
            : Blocks.identityBlock();
    return Residual.of(body, shortcut, true);
  }
}
