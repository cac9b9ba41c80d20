/**
 * Scoring windows with a model bundle: {@link io.soundtag.core.inference.ServingModel} is a bundle
 * loaded for serving (thread-safe), and each thread scores batches of windows through its own
 * {@link io.soundtag.core.inference.InferenceSession}, which averages the scores of the branches
 * the {@link io.soundtag.core.inference.ServingMode} selects and computes the frames that
 * overlapping windows share only once, which changes no score. {@link
 * io.soundtag.core.inference.Devices} picks the GPU or the CPU, and {@link
 * io.soundtag.core.inference.TorchExport} writes a bundle's student for a PyTorch module with the
 * same weights. A window of the wrong length is a caller's bug, {@link
 * io.soundtag.core.inference.WindowLengthMismatch}; a window cut for another model is made to fit
 * by {@link io.soundtag.core.inference.WindowFit}.
 */
package io.soundtag.core.inference;
