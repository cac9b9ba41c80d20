/**
 * Data augmentation on plain float arrays — waveforms and (channels, bins, frames) feature
 * matrices — and their targets. Every augmentation is a small value holding its parameters, and
 * {@code apply(..., seed)} is a pure function of its inputs and the seed: the same seed gives the
 * same result bit for bit, so teacher and student can see identical augmented inputs (consistent
 * teaching, CED §2, which stores only the seed per sample).
 */
package io.soundtag.trainer.augment;
