/**
 * Feature extraction from the command line: {@code soundtag features} ({@link
 * io.soundtag.ops.features.FeaturesCommand}) computes one representation of a WAV file into a
 * NumPy {@code .npy} file and optionally a PNG heatmap, and {@code soundtag bench features}
 * ({@link io.soundtag.ops.features.FeatureBenchCommand}) measures CPU time per clip of each
 * representation against torchaudio and a NumPy CQT in the same run.
 */
package io.soundtag.ops.features;
