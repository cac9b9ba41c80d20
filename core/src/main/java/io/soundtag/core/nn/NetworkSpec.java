package io.soundtag.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which branch network to build and how large: stored in a model bundle's JSON.
 *
 * <p>What {@code width} and {@code depth} mean per family:
 *
 * <ul>
 *   <li>{@code smallcnn}: stage {@code i} is one 3x3 conv with {@code width·2^i} channels, BN,
 *       ReLU and a 2x2 max-pool; {@code depth} stages.
 *   <li>{@code vgg}: stage {@code i} is two 3x3 conv-BN-ReLU with {@code width·2^min(i,3)}
 *       channels, then a 2x2 max-pool (none after the last stage); {@code depth} stages.
 *   <li>{@code resnet}: a 3x3 stem with {@code width} channels, then {@code depth} stages of two
 *       basic residual blocks with {@code width·2^i} channels; stages after the first halve both
 *       axes.
 *   <li>{@code mobilenetv2}: a stride-2 3x3 stem with {@code width} channels, then {@code depth}
 *       stages of two inverted residual blocks (expansion 6, 1 in the first stage) with {@code
 *       width·2^i} channels, then a 1x1 conv to four times the last stage's channels.
 *   <li>{@code cpmobile}: {@code width} is CP-Mobile's {@code base_channels}; {@code depth} is the
 *       number of stages, stage {@code i} holding {@code max(1, 3−i)} CPM blocks (so 3 gives
 *       CP-Mobile's (3, 2, 1)), Bai et al. section 2.2.2.
 * </ul>
 *
 * @param architecture family name: {@code smallcnn}, {@code vgg}, {@code resnet}, {@code
 *     mobilenetv2} or {@code cpmobile}
 * @param width base number of channels
 * @param depth number of stages, 1 to {@value #MAX_DEPTH}
 * @param dropout dropout rate before the classifier, in [0, 1)
 */
public record NetworkSpec(String architecture, int width, int depth, double dropout) {

  /** Deepest network accepted: every stage may halve the time-frequency plane. */
  public static final int MAX_DEPTH = 6;

  /** Widest base accepted, far beyond what a CPU trains in reasonable time. */
  public static final int MAX_WIDTH = 512;

  /** Validates every field, with a message saying what to change. */
  @JsonCreator
  public NetworkSpec(
      @JsonProperty("architecture") String architecture,
      @JsonProperty("width") int width,
      @JsonProperty("depth") int depth,
      @JsonProperty("dropout") double dropout) {
    if (architecture == null) {
      throw new IllegalArgumentException(
          "architecture is missing; use one of " + Architecture.knownIds());
    }
    Architecture family = Architecture.fromId(architecture);
    if (width < family.minWidth() || width > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "width (base channels) of a " + architecture + " must be in " + family.minWidth() + ".."
              + MAX_WIDTH + ", got " + width);
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "depth (number of stages) must be in 1.." + MAX_DEPTH + ", got " + depth);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    this.architecture = architecture;
    this.width = width;
    this.depth = depth;
    this.dropout = dropout;
  }

  /** The family this spec names. */
  public Architecture family() {
    return Architecture.fromId(architecture);
  }

  /**
   * Small defaults that train on a 2-core CPU. The CP-Mobile default is the Bai et al. student
   * (base channels 32, three stages): about 127 k parameters.
   *
   * @throws IllegalArgumentException for an unknown architecture
   */
  public static NetworkSpec defaults(String architecture) {
    return switch (Architecture.fromId(architecture)) {
      case SMALLCNN -> new NetworkSpec(architecture, 8, 2, 0.0);
      case VGG -> new NetworkSpec(architecture, 16, 4, 0.2);
      case RESNET -> new NetworkSpec(architecture, 16, 3, 0.2);
      case MOBILENETV2 -> new NetworkSpec(architecture, 16, 4, 0.2);
      case CPMOBILE -> new NetworkSpec(architecture, 32, 3, 0.0);
    };
  }
}
