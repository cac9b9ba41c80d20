package io.soundtag.trainer.labels;

import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes labelled clips and deletions (tombstones) to {@code audio.labels}, keyed by clip id,
 * with an idempotent producer ({@code acks=all}), so a retried send never writes a clip twice.
 *
 * <pre>{@code
 * try (LabelWriter writer = LabelWriter.open(kafka)) {
 *   writer.write(clip);          // checked, sent, acknowledged
 *   writer.delete(otherClipId);  // a tombstone
 * }
 * }</pre>
 *
 * <p>Every clip is checked whole before anything is sent — its id against its audio, its labels,
 * and its encoded size against the topic's {@code max.message.bytes} — and is one record, so a
 * clip is on the topic entirely or not at all. Thread-safe, as the producer is.
 */
public final class LabelWriter implements AutoCloseable {

  /** Room kept in a record for the key, headers and the batch overhead, bytes. */
  static final int RECORD_OVERHEAD_BYTES = 512;

  private final String topic;
  private final int maxRecordBytes;
  private final KafkaProducer<String, byte[]> producer;

  private LabelWriter(KafkaConnection kafka, String topic, int maxRecordBytes) {
    this.topic = topic;
    this.maxRecordBytes = maxRecordBytes;
    this.producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(maxRecordBytes, 1 << 20) + RECORD_OVERHEAD_BYTES,
        ProducerConfig.CLIENT_ID_CONFIG, "soundtag-labels-" + ProcessHandle.current().pid())),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** A writer to {@code audio.labels}. */
  public static LabelWriter open(KafkaConnection kafka) {
    return open(kafka, Topics.AUDIO_LABELS);
  }

  /**
   * A writer to {@code topic}, which must exist: its {@code max.message.bytes} is read first.
   *
   * @throws IllegalStateException when the topic is missing or the cluster does not answer
   */
  public static LabelWriter open(KafkaConnection kafka, String topic) {
    return new LabelWriter(kafka, topic, TopicSettings.of(kafka, topic).maxMessageBytes());
  }

  /** The topic written to. */
  public String topic() {
    return topic;
  }

  /** The largest record the topic takes, bytes ({@code max.message.bytes}). */
  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  /**
   * The clip as it will be sent, after checking it whole.
   *
   * @throws IllegalArgumentException when the clip is inconsistent or larger than the topic takes, saying what to do
   */
  public byte[] encode(LabelledClip clip) {
    LabelledClips.check(clip);
    byte[] value = Contracts.LABELLED_CLIP.encode(clip);
    int size = value.length + clip.getClipId().getBytes(StandardCharsets.UTF_8).length + RECORD_OVERHEAD_BYTES;
    if (size > maxRecordBytes) {
      double fits = (maxRecordBytes - RECORD_OVERHEAD_BYTES - 1024) / 2.0 / clip.getSampleRate();
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the clip is %.1f s at %d Hz, %d bytes: over %s's max.message.bytes of %d; cut it to at most %.1f s,"
              + " or raise the topic's max.message.bytes", LabelledClips.seconds(clip), clip.getSampleRate(), size,
          topic, maxRecordBytes, Math.max(0, fits)));
    }
    return value;
  }

  /** Checks the clip (see {@link #encode}) and sends it without waiting; {@link #flush} waits for every send. */
  public Future<RecordMetadata> send(LabelledClip clip) {
    byte[] value = encode(clip);
    return producer.send(new ProducerRecord<>(topic, clip.getClipId(), value));
  }

  /** Checks the clip, sends it and waits for the brokers to acknowledge it. */
  public RecordMetadata write(LabelledClip clip) {
    return await(send(clip));
  }

  /** Deletes a clip: writes a tombstone for its id and waits for the acknowledgement. */
  public RecordMetadata delete(String clipId) {
    return await(producer.send(new ProducerRecord<>(topic, ClipId.require(clipId), null)));
  }

  /** Waits until every send so far is acknowledged (or failed). */
  public void flush() {
    producer.flush();
  }

  /** Waits for one send. */
  public static RecordMetadata await(Future<RecordMetadata> sent) {
    try {
      return sent.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused the label record: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a label record", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
