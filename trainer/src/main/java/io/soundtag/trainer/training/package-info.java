/**
 * Training branch networks: representations × architectures ({@link io.soundtag.trainer.training.BranchSpec}),
 * features computed once per representation ({@link io.soundtag.trainer.training.FeatureCache}), and
 * the cyclic multi-representation distillation of Gao, Xu, Wang, Peng ("Multi-Representation Knowledge Distillation for Audio Classification") with the consistent teaching of "CED: Consistent ensemble distillation for audio tagging"
 * ({@link io.soundtag.trainer.training.CyclicDistillation}), which with no distillation epochs is plain
 * supervised training; per-epoch checkpoints to resume a killed run; per-class thresholds.
 */
package io.soundtag.trainer.training;
