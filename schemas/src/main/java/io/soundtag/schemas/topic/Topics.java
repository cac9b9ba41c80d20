package io.soundtag.schemas.topic;

/** The names of soundtag's Kafka topics, the defaults every command uses. */
public final class Topics {

  private Topics() {}

  /** AudioChunk, keyed by sensor id. */
  public static final String AUDIO_CHUNKS = "audio.chunks";
  /** DeadLetter: chunks the tagger could not process, with the reason. */
  public static final String AUDIO_CHUNKS_DLQ = "audio.chunks.dlq";
  /** TagEvent, keyed by sensor id. */
  public static final String AUDIO_TAGS = "audio.tags";
  /** SoundEvent, keyed by sensor id. */
  public static final String AUDIO_EVENTS = "audio.events";
  /** LabelledClip, keyed by clip id; compacted: it is the labelled dataset. */
  public static final String AUDIO_LABELS = "audio.labels";
  /**
   * ModelRelease, keyed by {@code deployment:release}; compacted, and since every release has a key
   * of its own, the whole history of every deployment is kept (older bundles stay there for rollback).
   */
  public static final String AUDIO_MODELS = "audio.models";
  /** TaggerStatus, keyed by tagger instance id; compacted: the latest heartbeat of every instance. */
  public static final String AUDIO_STATUS = "audio.status";
}
