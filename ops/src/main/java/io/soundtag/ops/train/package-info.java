/**
 * {@code soundtag train} ({@link io.soundtag.ops.train.TrainCommand}): trains a model (supervised,
 * multi-representation distillation or ensemble distillation through a logit store) and writes a
 * bundle with a report, and {@link io.soundtag.ops.train.DeviceChoice}, the {@code --device}
 * switch. The command is thin: the training belongs to the trainer module.
 */
package io.soundtag.ops.train;
