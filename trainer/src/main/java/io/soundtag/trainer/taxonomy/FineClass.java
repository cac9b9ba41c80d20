package io.soundtag.trainer.taxonomy;

import java.util.List;
import java.util.Objects;

/**
 * One output class of a taxonomy.
 *
 * @param name the class the model outputs
 * @param coarse the coarse group it belongs to
 * @param from source labels (dataset classes, simulated classes) that train it; its own name always does
 */
public record FineClass(String name, String coarse, List<String> from) {

  public FineClass {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(coarse, "coarse");
    from = from == null ? List.of() : List.copyOf(from);
  }
}
