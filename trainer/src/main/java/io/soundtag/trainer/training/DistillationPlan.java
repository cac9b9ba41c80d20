package io.soundtag.trainer.training;

import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.distill.DistillationForm;

/**
 * The schedule of Algorithm 1 of Gao et al. ("Multi-Representation Knowledge Distillation for
 * Audio Classification") and its hyper-parameters. {@code distillEpochs = 0}
 * is plain supervised training of each branch on its own.
 *
 * @param cycles Q, cycles of (single-branch training, information fusion, distillation)
 * @param singleEpochs b, epochs of single-branch training per cycle (Eq. 1)
 * @param distillEpochs d, epochs of distillation training per cycle (Eqs. 4–5)
 * @param temperature T of the soft labels (Eq. 2)
 * @param lambda weight of the KL term (the paper's Eq. 5 uses 1)
 * @param form the divergence of the distillation epochs: the paper's Eq. 4 or Hinton et al.'s
 * @param augmentation the augmentation of every training view, in every epoch
 * @param batchSize windows per optimiser step
 * @param learningRate peak Adam learning rate; cosine-decayed to 1 % over the whole run
 * @param seed seeds initialisation, batch order and augmentation
 */
public record DistillationPlan(
    int cycles, int singleEpochs, int distillEpochs, double temperature, double lambda, DistillationForm form,
    ViewAugmentation augmentation, int batchSize, double learningRate, long seed) {

  public DistillationPlan {
    if (cycles < 1) {
      throw new IllegalArgumentException("cycles must be at least 1, got " + cycles);
    }
    if (singleEpochs < 0 || distillEpochs < 0 || singleEpochs + distillEpochs < 1) {
      throw new IllegalArgumentException("a cycle needs at least one epoch; got " + singleEpochs
          + " single-branch and " + distillEpochs + " distillation epochs");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (!(lambda >= 0)) {
      throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
    }
    if (form == null || augmentation == null) {
      throw new IllegalArgumentException("give a distillation form and an augmentation (ViewAugmentation.mixup(0) for none)");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
    }
  }

  /** Plain supervised training for {@code epochs} epochs (no distillation). */
  public static DistillationPlan supervised(int epochs, ViewAugmentation augmentation, int batchSize, double learningRate,
      long seed) {
    return new DistillationPlan(epochs, 1, 0, 1, 0, DistillationForm.HINTON, augmentation, batchSize, learningRate, seed);
  }

  /** The same plan with another seed. */
  public DistillationPlan withSeed(long newSeed) {
    return new DistillationPlan(cycles, singleEpochs, distillEpochs, temperature, lambda, form, augmentation, batchSize,
        learningRate, newSeed);
  }

  /** Epochs per cycle, b + d. */
  public int epochsPerCycle() {
    return singleEpochs + distillEpochs;
  }

  /** Q · (b + d): every branch trains this many epochs. */
  public int totalEpochs() {
    return cycles * epochsPerCycle();
  }

  /** Whether 1-based {@code epoch} is a distillation epoch. */
  public boolean distills(int epoch) {
    return (epoch - 1) % epochsPerCycle() >= singleEpochs;
  }

  /** The 1-based cycle of 1-based {@code epoch}. */
  public int cycleOf(int epoch) {
    return (epoch - 1) / epochsPerCycle() + 1;
  }

  /** Whether {@code epoch} is the first distillation epoch of its cycle (where Eqs. 2–3 run). */
  public boolean startsDistillation(int epoch) {
    return distills(epoch) && (epoch - 1) % epochsPerCycle() == singleEpochs;
  }
}
