package io.soundtag.trainer.training;

import io.soundtag.core.features.CqtConfig;
import io.soundtag.core.features.FeatureConfig;
import io.soundtag.core.features.GammatoneConfig;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MfccConfig;
import io.soundtag.core.features.StftConfig;
import io.soundtag.core.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One branch of Gao et al.'s framework: an input representation and a network architecture
 * ({@code D_i = (X_i, Y)} and {@code f_i}, section III-A).
 *
 * @param name unique branch name, {@code representation-architecture}, e.g. {@code logmel-cpmobile}
 * @param features the representation, with every parameter
 * @param network the architecture
 */
public record BranchSpec(String name, FeatureConfig features, NetworkSpec network) {

  /** Representation names {@link #parse} accepts. */
  public static final List<String> REPRESENTATIONS = List.of("logmel", "mfcc", "cqt", "gammatone", "stft");

  /**
   * Parses {@code representation:architecture} (e.g. {@code mfcc:resnet}) with the default
   * parameters of each at {@code sampleRate}: 64-band log-Mel, 20 MFCCs with Δ and ΔΔ as three
   * channels, 84-bin CQT (fewer when Nyquist demands), 64-band gammatone, 1024-point STFT, all with
   * a 10 ms hop; {@link NetworkSpec#defaults} for the network, with {@code width} overriding its
   * base channels when positive.
   */
  public static BranchSpec parse(String text, int sampleRate, int width) {
    return parse(text, sampleRate, width, Framing.defaults(sampleRate));
  }

  /** As {@link #parse(String, int, int)}, with every representation framed by {@code framing}. */
  public static BranchSpec parse(String text, int sampleRate, int width, Framing framing) {
    String[] parts = text.trim().split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("branch '" + text + "' must be representation:architecture, e.g. logmel:cpmobile");
    }
    String representation = parts[0].toLowerCase(Locale.ROOT);
    NetworkSpec network = NetworkSpec.defaults(parts[1].toLowerCase(Locale.ROOT));
    if (width > 0) {
      network = new NetworkSpec(network.architecture(), width, network.depth(), network.dropout());
    }
    return new BranchSpec(representation + "-" + network.architecture(), features(representation, sampleRate, framing), network);
  }

  /** Parses a comma-separated list; branch names must be unique. */
  public static List<BranchSpec> parseList(String text, int sampleRate, int width) {
    return parseList(text, sampleRate, width, Framing.defaults(sampleRate));
  }

  /** As {@link #parseList(String, int, int)}, with every representation framed by {@code framing}. */
  public static List<BranchSpec> parseList(String text, int sampleRate, int width, Framing framing) {
    List<BranchSpec> branches = new ArrayList<>();
    for (String part : text.split(",")) {
      BranchSpec b = parse(part, sampleRate, width, framing);
      if (branches.stream().anyMatch(o -> o.name().equals(b.name()))) {
        throw new IllegalArgumentException("branch " + b.name() + " is given twice; each branch needs its own "
            + "representation or architecture");
      }
      branches.add(b);
    }
    return branches;
  }

  private static FeatureConfig features(String representation, int sampleRate, Framing framing) {
    int n = framing.fftSize();
    int hop = framing.hopLength();
    LogMelConfig m = LogMelConfig.defaults(sampleRate);
    LogMelConfig logMel = new LogMelConfig(sampleRate, n, n, hop, m.nMels(), m.fmin(), m.fmax(), m.scale());
    return switch (representation) {
      case "logmel" -> logMel;
      case "mfcc" -> new MfccConfig(logMel, 20, true);
      case "cqt" -> {
        CqtConfig c = CqtConfig.defaults(sampleRate);
        yield new CqtConfig(sampleRate, hop, c.fmin(), c.binsPerOctave(), c.nBins());
      }
      case "gammatone" -> {
        GammatoneConfig g = GammatoneConfig.defaults(sampleRate);
        yield new GammatoneConfig(sampleRate, n, n, hop, g.nBands(), g.fmin(), g.fmax());
      }
      case "stft" -> new StftConfig(sampleRate, n, n, hop);
      default -> throw new IllegalArgumentException("unknown representation '" + representation + "'; use one of "
          + String.join("|", REPRESENTATIONS));
    };
  }
}
