package io.soundtag.schemas.serde;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.BandLevel;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.LevelReport;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.SensorInfo;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.SourceShare;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.BundleSignature;
import io.soundtag.schemas.LabelSnapshot;
import io.soundtag.schemas.ReleaseDecision;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/** The records that travel on soundtag's topics, one codec each. */
public final class Contracts {

  private Contracts() {}

  static {
    // Avro 1.12 refuses to instantiate classes it was not told to trust; trust exactly ours.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        ClassSecurityValidator.getGlobal(),
        ClassSecurityValidator.builder()
            .add(AudioChunk.class).add(TagEvent.class).add(LabelScore.class).add(SoundEvent.class)
            .add(LabelledClip.class).add(ModelRelease.class).add(DeadLetter.class)
            .add(SampleEncoding.class).add(SplitHint.class)
            .add(TaggerStatus.class).add(LabelSnapshot.class).add(ReleaseDecision.class).add(BundleSignature.class)
            .add(LevelReport.class).add(BandLevel.class).add(SourceShare.class).add(SensorInfo.class)
            .build()));
  }

  public static final RecordCodec<AudioChunk> AUDIO_CHUNK = new RecordCodec<>(new AudioChunk());
  public static final RecordCodec<TagEvent> TAG_EVENT = new RecordCodec<>(new TagEvent());
  public static final RecordCodec<SoundEvent> SOUND_EVENT = new RecordCodec<>(new SoundEvent());
  public static final RecordCodec<LabelledClip> LABELLED_CLIP = new RecordCodec<>(new LabelledClip());
  public static final RecordCodec<ModelRelease> MODEL_RELEASE = new RecordCodec<>(new ModelRelease());
  public static final RecordCodec<DeadLetter> DEAD_LETTER = new RecordCodec<>(new DeadLetter());
  public static final RecordCodec<TaggerStatus> TAGGER_STATUS = new RecordCodec<>(new TaggerStatus());
  public static final RecordCodec<LevelReport> LEVEL_REPORT = new RecordCodec<>(new LevelReport());
  public static final RecordCodec<SensorInfo> SENSOR_INFO = new RecordCodec<>(new SensorInfo());

  static List<SpecificRecord> currentRecords() {
    return List.of(
        new AudioChunk(), new TagEvent(), new SoundEvent(),
        new LabelledClip(), new ModelRelease(), new DeadLetter(), new TaggerStatus(), new LevelReport(), new SensorInfo());
  }
}
