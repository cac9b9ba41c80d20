/**
 * From chunks back to each sensor's continuous stream, cut into windows: {@link
 * io.soundtag.tagger.reassembly.ChunkReassembler} decodes and validates raw chunks ({@link
 * io.soundtag.tagger.reassembly.ChunkDecoder}) and keeps each sensor's {@link
 * io.soundtag.tagger.reassembly.SensorState} in a state store; {@link
 * io.soundtag.tagger.reassembly.StreamReassembly} drops duplicates, waits for a missing chunk
 * within the bounds of a {@link io.soundtag.tagger.reassembly.ReassemblyPolicy}, fills short gaps
 * with silence, restarts the stream after a long one, converts to the model's rate so that chunk
 * boundaries leave no trace, and cuts {@link io.soundtag.tagger.reassembly.SensorWindow}s by the
 * model's {@link io.soundtag.tagger.reassembly.WindowGeometry}. Whatever cannot be used goes to
 * the dead-letter topic with a stable {@link io.soundtag.tagger.reassembly.DeadLetterReason}.
 */
package io.soundtag.tagger.reassembly;
