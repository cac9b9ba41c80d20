/**
 * {@code soundtag bench}: measurements a person can re-run on their own machine, each against a
 * peer measured in the same run. {@link io.soundtag.ops.bench.BenchCommand} gathers the
 * subcommands; those in this package are {@link io.soundtag.ops.bench.InferenceBenchCommand} (DJL
 * against PyTorch on the same weights), {@link io.soundtag.ops.bench.TaggerBenchCommand} (how many
 * real-time sensors one tagger sustains; with {@code --peer python}, through
 * {@link io.soundtag.ops.bench.TaggerCatchUp}, its catch-up CPU per window against a Python tagger
 * on the same backlog), {@link io.soundtag.ops.bench.AlertBenchCommand} (capture-to-webhook
 * latency of alerts), {@link io.soundtag.ops.bench.SoakCommand} (what grows over a long run) and
 * {@link io.soundtag.ops.bench.DistillationBenchCommand} (whether distillation pays) and
 * {@link io.soundtag.ops.bench.TrainingBenchCommand} (a training epoch in DJL against PyTorch on the
 * same weights and batches). The rest are
 * their instruments: sensors replaying pre-rendered scene audio, latency and CPU clocks, the tagger
 * in a JVM of its own, and {@link io.soundtag.ops.bench.PythonPeer} for the Python side.
 */
package io.soundtag.ops.bench;
