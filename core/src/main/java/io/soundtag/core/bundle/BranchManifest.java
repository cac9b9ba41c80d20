package io.soundtag.core.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.soundtag.core.features.FeatureConfig;
import io.soundtag.core.nn.NetworkSpec;

/**
 * One network of a bundle: its representation, architecture, normalisation and parameter entry.
 *
 * @param name unique within the bundle, e.g. {@code logmel-cpmobile}
 * @param features the representation it reads, with every parameter
 * @param network the architecture and its hyper-parameters
 * @param normalisation per-bin statistics applied to the features before the network
 * @param parametersEntry the zip entry holding the parameters: DJL's format, or for an int8
 *     branch the layout of {@link Int8Quantisation}
 * @param quantisation null for a float32 branch; for an int8 branch (bundle format 2) its layers
 *     and activation scales
 */
public record BranchManifest(
    String name, FeatureConfig features, NetworkSpec network, Normalisation normalisation, String parametersEntry,
    @JsonInclude(JsonInclude.Include.NON_NULL) Int8Quantisation quantisation) {

  @JsonCreator
  public BranchManifest(
      @JsonProperty("name") String name,
      @JsonProperty("features") FeatureConfig features,
      @JsonProperty("network") NetworkSpec network,
      @JsonProperty("normalisation") Normalisation normalisation,
      @JsonProperty("parametersEntry") String parametersEntry,
      @JsonProperty("quantisation") Int8Quantisation quantisation) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("branch name must be letters, digits, '.', '_' or '-', got " + name);
    }
    if (features == null || network == null || normalisation == null || parametersEntry == null) {
      throw new IllegalArgumentException("branch " + name + " needs features, network, normalisation and parameters");
    }
    this.name = name;
    this.features = features;
    this.network = network;
    this.normalisation = normalisation;
    this.parametersEntry = parametersEntry;
    this.quantisation = quantisation;
  }

  /** A float32 branch, its parameters in DJL's format. */
  public BranchManifest(String name, FeatureConfig features, NetworkSpec network, Normalisation normalisation, String parametersEntry) {
    this(name, features, network, normalisation, parametersEntry, null);
  }

  /** Whether the branch's weights are int8 ({@link #quantisation()} says how). */
  public boolean quantised() {
    return quantisation != null;
  }

  /**
   * Refuses an int8 branch where float32 DJL parameters are needed (a teacher, a warm start, an export).
   *
   * @param use what the parameters were wanted for, for the message
   */
  public void requireFloat(String use) {
    if (quantised()) {
      throw new InvalidBundleException("branch " + name + " is int8-quantised and has no float32 parameters for " + use
          + "; use the float bundle it was trained from");
    }
  }
}
