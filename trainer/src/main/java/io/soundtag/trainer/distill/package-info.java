/**
 * Distillation losses for DJL training, after Gao et al., "Multi-Representation Knowledge
 * Distillation for Audio Classification": {@link io.soundtag.trainer.distill.KlDivergenceLoss} is
 * the divergence between the teacher's and the student's soft labels at a temperature, and {@link
 * io.soundtag.trainer.distill.DistillationLoss} adds it, weighted by λ, to the supervised loss on
 * the hard labels. {@link io.soundtag.trainer.distill.DistillationForm} chooses between the usual
 * KL(teacher ‖ student) with T² of Hinton et al. and Eq. 4 as printed.
 */
package io.soundtag.trainer.distill;
