/**
 * Training data from the simulated city: {@link io.soundtag.trainer.simulated.SimulatedWindows}
 * cuts labelled windows from simulated sensor scenes exactly as the tagger cuts a live stream, so
 * the training data holds what serving sees: background-only windows and partial and overlapping
 * events.
 */
package io.soundtag.trainer.simulated;
