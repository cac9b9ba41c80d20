/**
 * Training branch networks: representations × architectures ({@link io.soundtag.trainer.training.BranchSpec}),
 * features computed once per representation ({@link io.soundtag.trainer.training.FeatureCache}), the
 * seeded augmented views every pass regenerates alike, Gao et al.'s cyclic multi-representation
 * distillation with CED's consistent teaching and optional frozen teachers
 * ({@link io.soundtag.trainer.training.CyclicDistillation}; with no distillation epochs it is plain
 * supervised training), CED's teachers → logit store → student
 * ({@link io.soundtag.trainer.training.StoreDistillation}); int8 quantisation-aware fine-tuning of
 * a trained student ({@link io.soundtag.trainer.training.QuantisationAwareTraining}); per-epoch
 * checkpoints to resume a killed run; per-class thresholds; an optional coarse head beside the fine
 * classifier that only trains (Bai et al.; {@link io.soundtag.trainer.training.CoarseHead}); the
 * supervised step on its own, for timing it against another framework
 * ({@link io.soundtag.trainer.training.SupervisedSteps}).
 */
package io.soundtag.trainer.training;
