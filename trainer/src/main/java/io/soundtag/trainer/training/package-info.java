/**
 * Training branch networks: representations × architectures ({@link io.soundtag.trainer.training.BranchSpec}),
 * features computed once per representation ({@link io.soundtag.trainer.training.FeatureCache}), and
 * Gao et al.'s cyclic multi-representation distillation with CED's consistent teaching
 * ({@link io.soundtag.trainer.training.CyclicDistillation}), which with no distillation epochs is plain
 * supervised training; per-epoch checkpoints to resume a killed run; per-class thresholds.
 */
package io.soundtag.trainer.training;
