package io.soundtag.tagger.reassembly;

/** Why an input chunk (or a window cut from chunks) went to the dead-letter topic; the code is stable, for alerts and dashboards. */
public enum DeadLetterReason {
  /** Not an Avro single-object message. */
  UNDECODABLE,
  /** A schema fingerprint this build does not know. */
  UNKNOWN_SCHEMA,
  /** A record of another type on the audio topic. */
  WRONG_RECORD,
  /** Missing key or sensor id, or the key differs from the sensor id. */
  BAD_SENSOR_ID,
  /** Sample rate outside 1 kHz–384 kHz. */
  BAD_SAMPLE_RATE,
  /** Channels outside 1–32. */
  BAD_CHANNELS,
  /** No samples. */
  EMPTY_PAYLOAD,
  /** More bytes or seconds than one chunk may carry. */
  OVERSIZED_PAYLOAD,
  /** Payload length not a whole number of sample frames. */
  TRUNCATED_PAYLOAD,
  /** NaN or infinite samples. */
  NON_FINITE_SAMPLES,
  /** Capture time before the chunk numbered below it (or after the one numbered above it). */
  DECREASING_TIMESTAMP,
  /** The model's forward pass failed on the batch the window was in (the window's audio is kept). */
  INFERENCE_FAILED
}
