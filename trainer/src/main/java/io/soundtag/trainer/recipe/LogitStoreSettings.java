package io.soundtag.trainer.recipe;

import java.nio.file.Path;

/**
 * Where and how {@code ced} keeps its logit store. With teachers the store is written (replacing
 * the file); without, the file is read and must fit the run.
 *
 * @param file the store
 * @param epochs augmented views stored per training window; a student running more epochs cycles
 *     through them
 * @param topK logits kept per view (K ≤ classes; the rest count as probability 0)
 */
public record LogitStoreSettings(Path file, int epochs, int topK) {

  public LogitStoreSettings {
    if (file == null) {
      throw new IllegalArgumentException("give the logit store's file");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("store at least one view per window, got " + epochs);
    }
    if (topK < 1) {
      throw new IllegalArgumentException("keep at least one logit per view (K >= 1), got " + topK);
    }
  }
}
