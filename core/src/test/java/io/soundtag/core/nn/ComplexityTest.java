package io.soundtag.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComplexityTest {

  @Test
  void smallCnnMatchesAHandCount() {
    // width 2, two stages, 3 classes, one channel of 8 bins x 10 frames.
    // conv 1->2 3x3 on 8x10: params 2*1*9 = 18, BN 4, MACs (2*8*10)*1*9 = 1440
    // max-pool 2x2 -> 4x5
    // conv 2->4 3x3 on 4x5: params 4*2*9 = 72, BN 8, MACs (4*4*5)*2*9 = 1440
    // max-pool 2x2 (ceil) -> 2x3, global average -> 4, linear 4->3: params 12+3, MACs 12
    Complexity c = Complexity.of(new NetworkSpec("smallcnn", 2, 2, 0.0), 3, new Shape(1, 8, 10));
    assertThat(c.parameters()).isEqualTo(18 + 4 + 72 + 8 + 15);
    assertThat(c.macsPerSecond()).isEqualTo(1440 + 1440 + 12);
  }

  @Test
  void cpMobileMatchesAHandCountWithDepthwiseAndStridedBlocks() {
    // base 8, one stage of three CPM blocks (8 -> 8, expansion makeDivisible(8*3) = 24),
    // 3 classes, one channel of 16 bins x 16 frames.
    // stem conv 1->2 s2 -> 8x8: params 18 + BN 4, MACs (2*64)*1*9 = 1152
    // stem conv 2->8 s2 -> 4x4: params 144 + BN 16, MACs (8*16)*2*9 = 2304
    // every block: expand 8*24 = 192 (+BN 48), depthwise 24*9 = 216 (+BN 48),
    //   project 24*8 = 192 (+BN 16): 712 parameters
    // block 1 at 4x4: expand 384*8 = 3072, depthwise 384*9 = 3456, project 128*24 = 3072: 9600
    // block 2 strides (2, 2): expand at 4x4 3072, depthwise out 2x2 96*9 = 864,
    //   project at 2x2 32*24 = 768: 4704 (its shortcut is an average pool, not counted)
    // block 3 at 2x2: 96*8 = 768, 96*9 = 864, 32*24 = 768: 2400
    // head conv 8->3 1x1 at 2x2: params 24 + BN 6, MACs 12*8 = 96
    Complexity c = Complexity.of(new NetworkSpec("cpmobile", 8, 1, 0.0), 3, new Shape(1, 16, 16));
    assertThat(c.parameters()).isEqualTo(22 + 160 + 3 * 712 + 30);
    assertThat(c.macsPerSecond()).isEqualTo(1152 + 2304 + 9600 + 4704 + 2400 + 96);
  }

  @ParameterizedTest
  @ValueSource(strings = {"smallcnn", "cpmobile", "vgg", "resnet", "mobilenetv2"})
  void parametersEqualDjlsTrainableParameterCount(String architecture) {
    NetworkSpec spec = NetworkSpec.defaults(architecture);
    Shape oneSecond = new Shape(1, 64, 101);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block net = Networks.build(spec, 10);
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 64, 101));
      long trainable =
          net.getParameters().values().stream()
              .filter(Parameter::requiresGradient)
              .mapToLong(p -> p.getArray().size())
              .sum();
      assertThat(Complexity.of(spec, 10, oneSecond).parameters()).isEqualTo(trainable);
    }
  }

  @Test
  void defaultCpMobileReproducesTheSeedsComplexity() {
    // Bai et al. (hierarchical acoustic scene classification with KD), Table 2, system 1: 126,952 parameters and 28,893,268 MACs for 10 classes on a
    // 256-band, 64-frame log-Mel. The challenge's counter also charges each batch-norm
    // parameter as a MAC: 2 * (8 + 32) in the stem, 2 * (96 + 96 + 32) in each of blocks 1-3,
    // 2 * (96 + 96 + 72) in block 4, 2 * (216 + 216 + 72) in block 5, 2 * (216 + 216 + 168) in
    // block 6 and 2 * 10 in the head: 4,180. Our parameter count is 12 below the seed's; the seed
    // does not give the layer list that would explain those 12.
    Complexity c = Complexity.of(NetworkSpec.defaults("cpmobile"), 10, new Shape(1, 256, 64));
    long batchNormParameters = 80 + 3 * 448 + 528 + 1008 + 1200 + 20;
    assertThat(c.macsPerSecond() + batchNormParameters).isEqualTo(28_893_268);
    assertThat(c.parameters()).isEqualTo(126_940);
  }

  @Test
  void macsGrowWithTheLengthOfTheInput() {
    NetworkSpec spec = NetworkSpec.defaults("cpmobile");
    long oneSecond = Complexity.of(spec, 10, new Shape(1, 64, 101)).macsPerSecond();
    long twoSeconds = Complexity.of(spec, 10, new Shape(1, 64, 201)).macsPerSecond();
    assertThat(twoSeconds).isBetween(oneSecond * 19 / 10, oneSecond * 21 / 10);
  }

  @Test
  void rejectsAnInputShapeWithABatch() {
    assertThatThrownBy(
            () -> Complexity.of(NetworkSpec.defaults("smallcnn"), 2, new Shape(2, 1, 64, 101)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(channels, bins, frames)");
  }
}
