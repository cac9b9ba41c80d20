package io.soundtag.trainer.recipe;

/**
 * Quantisation-aware fine-tuning of the served student to int8, after its recipe has trained it.
 *
 * @param epochs epochs of fine-tuning with fake-quantised weights and activations, at least 1
 * @param learningRate peak Adam learning rate of the fine-tuning, cosine-decayed over it
 */
public record QuantisationSettings(int epochs, double learningRate) {

  public QuantisationSettings {
    if (epochs < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException("int8 fine-tuning needs at least 1 epoch and a positive learning rate; got " + epochs
          + " epochs and learning rate " + learningRate);
    }
  }
}
