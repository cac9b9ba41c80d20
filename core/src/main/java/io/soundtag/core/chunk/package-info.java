/**
 * The payload of an {@code AudioChunk}, in one place: {@link io.soundtag.core.chunk.ChunkPayload}
 * encodes a sensor's interleaved samples into it (ingest), checks a received chunk and decodes
 * it to mono samples (the tagger, the archive that reads a sensor's audio back by time), and
 * says how long a chunk is. A chunk that cannot be used is a
 * {@link io.soundtag.core.chunk.BadChunkException} with a stable {@link io.soundtag.core.chunk.ChunkProblem}.
 */
package io.soundtag.core.chunk;
