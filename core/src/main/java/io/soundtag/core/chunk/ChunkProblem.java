package io.soundtag.core.chunk;

/** What is wrong with a received chunk; stable codes for dead letters, metrics and reports. */
public enum ChunkProblem {
  /** No sensor id. */
  BAD_SENSOR_ID,
  /** Sample rate outside {@link ChunkPayload#MIN_RATE}..{@link ChunkPayload#MAX_RATE} Hz. */
  BAD_SAMPLE_RATE,
  /** Channels outside 1..{@link ChunkPayload#MAX_CHANNELS}. */
  BAD_CHANNELS,
  /** No samples. */
  EMPTY_PAYLOAD,
  /** More bytes or seconds than one chunk may carry. */
  OVERSIZED_PAYLOAD,
  /** Payload length not a whole number of sample frames. */
  TRUNCATED_PAYLOAD,
  /** NaN or infinite samples. */
  NON_FINITE_SAMPLES
}
