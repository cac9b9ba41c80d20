package io.soundtag.trainer.labels;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.PcmCodec;
import io.soundtag.core.audio.PcmEncoding;
import io.soundtag.schemas.LabelledClip;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds {@link LabelledClip}s from audio and reads their audio back. A clip stores mono PCM16
 * at the rate of its source (no resampling on the way in, so nothing is lost that the source
 * had above a model's rate); {@link #audio(LabelledClip, int)} resamples on the way out.
 */
public final class LabelledClips {

  /** Lowest sample rate a clip may have, Hz. */
  public static final int MIN_RATE = 1_000;
  /** Highest sample rate a clip may have, Hz. */
  public static final int MAX_RATE = 384_000;
  /** Largest audio accepted when reading a clip from the network, bytes of PCM16 (about 6 min at 48 kHz). */
  public static final int MAX_AUDIO_BYTES = 32 * 1024 * 1024;

  private LabelledClips() {}

  /**
   * A clip of {@code audio} (mono, any rate) with its labels and origin, written at {@code createdAtMillis}.
   *
   * @throws IllegalArgumentException when the audio is empty or its rate is impossible
   */
  public static LabelledClip build(MonoAudio audio, ClipLabels labels, ClipOrigin origin, long createdAtMillis) {
    return build(audio, labels, origin, null, createdAtMillis);
  }

  /**
   * A clip of a person's review: as {@link #build(MonoAudio, ClipLabels, ClipOrigin, long)}, and
   * {@code predicted}, the labels the model gave the span (null when the clip is no review), so
   * the review's verdict on the model can be read back from the topic.
   *
   * @throws IllegalArgumentException when the audio is empty, its rate is impossible, or a predicted label is blank
   */
  public static LabelledClip build(MonoAudio audio, ClipLabels labels, ClipOrigin origin, List<String> predicted,
      long createdAtMillis) {
    if (predicted != null && predicted.stream().anyMatch(l -> l == null || l.isBlank())) {
      throw new IllegalArgumentException("a predicted label is blank in " + predicted + "; give the model's class names");
    }
    if (audio.samples().length == 0) {
      throw new IllegalArgumentException("the audio is empty: a clip needs at least one sample");
    }
    checkRate(audio.sampleRate());
    byte[] pcm = PcmCodec.toPcm16(audio.samples());
    return LabelledClip.newBuilder()
        .setClipId(ClipId.of(audio.sampleRate(), pcm))
        .setSampleRate(audio.sampleRate())
        .setPcm16le(ByteBuffer.wrap(pcm))
        .setLabels(labels.labels())
        .setNegative(labels.negative())
        .setAnnotator(labels.annotator())
        .setSplitHint(labels.split())
        .setOriginSensorId(origin.sensorId())
        .setOriginStartMicros(origin.startMicros())
        .setOriginEndMicros(origin.endMicros())
        .setOriginModelId(origin.modelId())
        .setOriginDataset(origin.dataset())
        .setOriginFile(origin.file())
        .setCreatedAtMillis(createdAtMillis)
        .setOriginPredicted(predicted == null ? null : List.copyOf(predicted))
        .build();
  }

  /**
   * Checks a clip read from the topic: a plausible rate, whole bounded PCM16 samples, labels
   * that agree with the negative flag, and an id that is the hash of its audio.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static void check(LabelledClip clip) {
    checkRate(clip.getSampleRate());
    int bytes = clip.getPcm16le().remaining();
    if (bytes == 0 || bytes % 2 != 0 || bytes > MAX_AUDIO_BYTES) {
      throw new IllegalArgumentException("clip " + clip.getClipId() + " has " + bytes + " bytes of audio; a clip has 2.."
          + MAX_AUDIO_BYTES + " bytes of whole PCM16 samples");
    }
    if (clip.getNegative() == !clip.getLabels().isEmpty()) {
      throw new IllegalArgumentException("clip " + clip.getClipId() + (clip.getNegative()
          ? " is negative but has labels " + clip.getLabels() : " has no labels and is not negative"));
    }
    String id = ClipId.of(clip.getSampleRate(), clip.getPcm16le());
    if (!id.equals(clip.getClipId())) {
      throw new IllegalArgumentException("clip " + clip.getClipId() + " does not match its audio (sha256 " + id + ")");
    }
  }

  /** The clip's audio as float samples at {@code sampleRate} Hz (resampled when the clip's rate differs). */
  public static MonoAudio audio(LabelledClip clip, int sampleRate) {
    ByteBuffer pcm = clip.getPcm16le().duplicate();
    byte[] bytes = new byte[pcm.remaining()];
    pcm.get(bytes);
    MonoAudio stored = new MonoAudio(PcmCodec.toMono(bytes, 0, bytes.length, PcmEncoding.PCM16LE, 1), clip.getSampleRate());
    return stored.resampledTo(sampleRate);
  }

  /** Seconds of audio in the clip. */
  public static double seconds(LabelledClip clip) {
    return clip.getPcm16le().remaining() / 2.0 / clip.getSampleRate();
  }

  private static void checkRate(int rate) {
    if (rate < MIN_RATE || rate > MAX_RATE) {
      throw new IllegalArgumentException("sample rate " + rate + " Hz is outside " + MIN_RATE + ".." + MAX_RATE + " Hz");
    }
  }
}
