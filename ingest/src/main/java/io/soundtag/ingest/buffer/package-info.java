/**
 * The chunks between the chunkers and the producer: a {@link io.soundtag.ingest.buffer.ChunkQueue}
 * accepts them, hands them to the publisher in order and releases them when the broker has them.
 * {@link io.soundtag.ingest.buffer.ChunkBuffer} is the in-memory queue, bounded in microseconds of
 * audio counted until acknowledgement, so while the broker is down the bound is exactly how much
 * audio is kept; its {@link io.soundtag.ingest.buffer.OverflowPolicy} says what a full buffer does
 * with a new chunk. The on-disk queue is the {@code spool} package's. Nothing here talks to Kafka.
 */
package io.soundtag.ingest.buffer;
