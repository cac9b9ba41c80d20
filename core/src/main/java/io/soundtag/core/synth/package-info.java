/**
 * Procedural urban sound, the simulated city that demos, tests and simulated training data are
 * made of: {@link io.soundtag.core.synth.SoundSynthesizer} renders each of the ten {@link
 * io.soundtag.core.synth.SoundClass}es near a nominal level, {@link
 * io.soundtag.core.synth.SensorScene} is the endless audio of one simulated sensor (a drifting
 * city background with random, sometimes overlapping events) whose ground truth is its {@link
 * io.soundtag.core.synth.SceneEvent}s, drawn by a {@link io.soundtag.core.synth.SceneConfig}, and
 * {@link io.soundtag.core.synth.ExampleRenderer} renders {@link
 * io.soundtag.core.synth.LabelledExample} windows. Output is bit-identical for the same seed on
 * every platform, and never depends on how a stream is cut into blocks.
 */
package io.soundtag.core.synth;
