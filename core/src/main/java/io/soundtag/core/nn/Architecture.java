package io.soundtag.core.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The branch-network families {@link Networks} can build, each named by the string stored in
 * {@link NetworkSpec#architecture()}.
 */
public enum Architecture {
  /** A few conv-BN-ReLU-pool stages: for tests and smoke runs. */
  SMALLCNN("smallcnn", 1),
  /** VGG-style stacks of 3x3 convolutions (Simonyan and Zisserman 2015). */
  VGG("vgg", 1),
  /** ResNet-style basic residual blocks (He et al. 2016). */
  RESNET("resnet", 1),
  /** MobileNetV2-style inverted residuals with linear bottlenecks (Sandler et al. 2018). */
  MOBILENETV2("mobilenetv2", 1),
  /** CP-Mobile low-complexity CNN (Schmid et al., DCASE 2023; as used by Bai et al., hierarchical acoustic scene classification with KD, section 2.2.2). */
  CPMOBILE("cpmobile", 8);

  private final String id;
  private final int minWidth;

  Architecture(String id, int minWidth) {
    this.id = id;
    this.minWidth = minWidth;
  }

  /** The name used in {@link NetworkSpec#architecture()} and in model bundles. */
  public String id() {
    return id;
  }

  /** Smallest base width the family can be built with. */
  int minWidth() {
    return minWidth;
  }

  /**
   * The family with this name.
   *
   * @throws IllegalArgumentException naming the known families when {@code id} is not one of them
   */
  public static Architecture fromId(String id) {
    for (Architecture a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture '" + id + "'; use one of " + knownIds());
  }

  /** The known names, comma-separated, for messages. */
  static String knownIds() {
    return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
  }
}
