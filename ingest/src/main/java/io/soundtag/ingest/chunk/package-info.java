/**
 * Cutting a sensor's audio into chunks: a {@link io.soundtag.ingest.chunk.Chunker} per sensor
 * makes fixed-length chunks with consecutive sequence numbers and capture times from its sample
 * clock, re-anchored (after emitting the partial chunk) only when audio was lost, and hands them
 * to a {@link io.soundtag.ingest.chunk.ChunkSink}. A restarted sensor continues from a {@link
 * io.soundtag.ingest.chunk.ResumePoint} given by a {@link io.soundtag.ingest.chunk.SensorHistory},
 * because the tagger drops a chunk whose sequence is not above the last it saw and refuses one
 * captured before it. One chunker is fed by one thread.
 */
package io.soundtag.ingest.chunk;
