/**
 * The logit store of "CED: Consistent ensemble distillation for audio tagging": for every view of
 * every training window, the 32-bit seed that generated the view and the teacher ensemble's top-K
 * logits (float16) with their class indices (int16), 4K + 4 bytes per view, behind a versioned
 * header ({@link LogitStore}). A student trains from it without running a teacher.
 */
package io.soundtag.trainer.logits;
