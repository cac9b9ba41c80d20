package io.soundtag.schemas.serde;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.TaggerStatus;

/** Kafka serdes for the soundtag records, in the manner of {@code Serdes.String()}. */
public final class ContractSerdes {

  private ContractSerdes() {}

  public static AvroSerde<AudioChunk> audioChunk() {
    return new AvroSerde<>(Contracts.AUDIO_CHUNK);
  }

  public static AvroSerde<TagEvent> tagEvent() {
    return new AvroSerde<>(Contracts.TAG_EVENT);
  }

  public static AvroSerde<SoundEvent> soundEvent() {
    return new AvroSerde<>(Contracts.SOUND_EVENT);
  }

  public static AvroSerde<LabelledClip> labelledClip() {
    return new AvroSerde<>(Contracts.LABELLED_CLIP);
  }

  public static AvroSerde<ModelRelease> modelRelease() {
    return new AvroSerde<>(Contracts.MODEL_RELEASE);
  }

  public static AvroSerde<DeadLetter> deadLetter() {
    return new AvroSerde<>(Contracts.DEAD_LETTER);
  }

  public static AvroSerde<TaggerStatus> taggerStatus() {
    return new AvroSerde<>(Contracts.TAGGER_STATUS);
  }
}
