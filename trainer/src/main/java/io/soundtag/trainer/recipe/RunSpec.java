package io.soundtag.trainer.recipe;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.DistillationPlan;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run is asked to do.
 *
 * @param recipe supervised, mrkd or ced
 * @param modelName the bundle's model name
 * @param task single- or multi-label
 * @param classes labels in output order
 * @param sampleRate analysis rate
 * @param windowSamples the model's input length
 * @param hopSamples hop between windows when tagging a stream
 * @param branches the branches (one for a plain supervised model; for ced the student alone)
 * @param studentBranch name of the branch the bundle serves by default
 * @param plan the schedule and hyper-parameters (its seed is the first seed)
 * @param repeats how many seeds to run ({@code seed, seed+1, …}); the bundle is the first seed's
 * @param compareIndependent for mrkd, also train every branch alone with the same number of
 *     epochs, for Gao et al.'s "independent vs. distilled" table
 * @param keepBranches put every branch in the bundle (ensemble serving), not only the student
 * @param provenance recorded in the bundle
 * @param teachers frozen teachers: distilled into the store (ced) or added inside the cycles (mrkd)
 * @param store the logit store of ced; null for the other recipes
 * @param quantisation int8 fine-tuning of every seed's student after its training; null for float32
 */
public record RunSpec(
    Recipe recipe, String modelName, TaskType task, List<String> classes, int sampleRate, int windowSamples,
    int hopSamples, List<BranchSpec> branches, String studentBranch, DistillationPlan plan, int repeats,
    boolean compareIndependent, boolean keepBranches, Map<String, String> provenance, Teachers teachers,
    LogitStoreSettings store, QuantisationSettings quantisation) {

  /** Without teachers or a store (supervised, or mrkd as in the paper). */
  public RunSpec(Recipe recipe, String modelName, TaskType task, List<String> classes, int sampleRate, int windowSamples,
      int hopSamples, List<BranchSpec> branches, String studentBranch, DistillationPlan plan, int repeats,
      boolean compareIndependent, boolean keepBranches, Map<String, String> provenance) {
    this(recipe, modelName, task, classes, sampleRate, windowSamples, hopSamples, branches, studentBranch, plan, repeats,
        compareIndependent, keepBranches, provenance, Teachers.none(), null, null);
  }

  public RunSpec {
    branches = List.copyOf(branches);
    if (recipe == Recipe.CED) {
      if (store == null) {
        throw new IllegalArgumentException("ced needs a logit store (its file, views per window and K)");
      }
      if (branches.size() != 1) {
        throw new IllegalArgumentException("ced trains one student; its teachers are given apart, got branches "
            + branches.stream().map(BranchSpec::name).toList());
      }
      if (store.topK() > classes.size()) {
        throw new IllegalArgumentException("K = " + store.topK() + " exceeds the " + classes.size() + " classes");
      }
      if (plan.lambda() > 1) {
        throw new IllegalArgumentException("ced weighs (1 − λ)·CE + λ·KD; λ must be in [0, 1], got " + plan.lambda());
      }
    } else if (store != null) {
      throw new IllegalArgumentException("a logit store is for --recipe ced only");
    }
    if (recipe == Recipe.SUPERVISED && !teachers.isEmpty()) {
      throw new IllegalArgumentException("supervised training has no teachers; use --recipe mrkd or ced");
    }
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("give at least one branch");
    }
    if (branches.stream().noneMatch(b -> b.name().equals(studentBranch))) {
      throw new IllegalArgumentException("student " + studentBranch + " is not one of the branches "
          + branches.stream().map(BranchSpec::name).toList());
    }
    if (recipe == Recipe.MRKD && plan.distillEpochs() == 0) {
      throw new IllegalArgumentException("mrkd needs at least one distillation epoch per cycle");
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
    }
    for (BranchSpec b : branches) {
      if (b.features().sampleRate() != sampleRate) {
        throw new IllegalArgumentException("branch " + b.name() + " is at " + b.features().sampleRate() + " Hz, the model at " + sampleRate);
      }
    }
  }
}
