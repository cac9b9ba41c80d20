package io.soundtag.ops.trainer;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.synth.ExampleRenderer;
import io.soundtag.core.synth.SoundClass;
import io.soundtag.core.synth.SoundSynthesizer;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import java.util.List;

/** Labelled clips of the procedural synthesiser written to audio.labels, for the sidecar tests. */
public final class SidecarClips {

  public static final List<SoundClass> CLASSES = List.of(SoundClass.SIREN, SoundClass.DOG_BARK, SoundClass.JACKHAMMER, SoundClass.RAIN);
  static final int RATE = 8_000;

  private final ExampleRenderer renderer = new ExampleRenderer(new SoundSynthesizer(RATE));

  /**
   * Writes {@code perClass} clips of each class, seeds {@code seed…}; clip {@code i} of a class
   * is labelled with class {@code labelOf(classIndex)} and hinted {@code split}.
   */
  public void write(KafkaConnection kafka, int perClass, long seed, SplitHint split, java.util.function.IntUnaryOperator labelOf) {
    write(kafka, perClass, seed, split, labelOf, CLASSES.size());
  }

  /** As {@link #write(KafkaConnection, int, long, SplitHint, java.util.function.IntUnaryOperator)}, for the first {@code classes} classes only. */
  void write(KafkaConnection kafka, int perClass, long seed, SplitHint split, java.util.function.IntUnaryOperator labelOf,
      int classes) {
    try (LabelWriter writer = LabelWriter.open(kafka)) {
      for (int k = 0; k < classes; k++) {
        for (int i = 0; i < perClass; i++) {
          float[] samples = renderer.render(CLASSES.get(k), 1.0, seed + 1000L * k + i).samples();
          String label = CLASSES.get(labelOf.applyAsInt(k)).label();
          writer.send(LabelledClips.build(new MonoAudio(samples, RATE), ClipLabels.of(List.of(label), "test", split),
              ClipOrigin.dataset("synth", label + "-" + seed + "-" + i), System.currentTimeMillis()));
        }
      }
      writer.flush();
    }
  }

  /**
   * Sends {@code seconds} one-second chunks of {@code sound} as sensor {@code sensorId} to
   * audio.chunks, captured over the last {@code seconds} seconds: live traffic for a shadow run.
   */
  void sendLive(KafkaConnection kafka, String sensorId, SoundClass sound, int seconds) {
    long start = System.currentTimeMillis() * 1000 - seconds * 1_000_000L;
    try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
        kafka.clientProperties(), new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (int i = 0; i < seconds; i++) {
        float[] samples = renderer.render(sound, 1.0, 9000 + i).samples();
        io.soundtag.schemas.AudioChunk chunk = io.soundtag.schemas.AudioChunk.newBuilder().setSensorId(sensorId).setSequence(i)
            .setCaptureStartMicros(start + i * 1_000_000L).setSampleRate(RATE).setChannels(1)
            .setEncoding(io.soundtag.schemas.SampleEncoding.PCM16LE)
            .setPayload(io.soundtag.core.chunk.ChunkPayload.encode(samples, samples.length, io.soundtag.schemas.SampleEncoding.PCM16LE))
            .build();
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(io.soundtag.schemas.topic.Topics.AUDIO_CHUNKS, sensorId,
            io.soundtag.schemas.serde.Contracts.AUDIO_CHUNK.encode(chunk)));
      }
      producer.flush();
    }
  }

  /** A supervised recipe that trains one tiny log-Mel branch in seconds at 8 kHz. */
  public static String supervised(int epochs) {
    return """
        {"method": "supervised", "branches": ["logmel:smallcnn"], "width": 8, "epochs": %d,
         "audio": {"sampleRate": 8000, "fftSize": 256, "frameHopMs": 16, "windowMs": 500, "hopMs": 250},
         "augmentation": {"mixup": 0.0}, "schedule": {"batchSize": 8, "learningRate": 0.005}, "crops": 2, "seed": 3}
        """.formatted(epochs);
  }

  /** A small recipe that trains in seconds: two tiny branches distilled for a few cycles at 8 kHz. */
  static String recipe(int cycles) {
    return """
        {"method": "mrkd", "branches": ["logmel:smallcnn", "mfcc:smallcnn"], "width": 8,
         "audio": {"sampleRate": 8000, "fftSize": 256, "frameHopMs": 16, "windowMs": 500, "hopMs": 250},
         "distillation": {"cycles": %d, "singleEpochs": 1, "distillEpochs": 1},
         "augmentation": {"mixup": 0.0}, "schedule": {"batchSize": 16, "learningRate": 0.005}, "crops": 2, "seed": 3}
        """.formatted(cycles);
  }
}
