package io.soundtag.ops.label;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a sensor sent to {@code audio.chunks}, read back in tests that then ask for audio by its capture time. */
public final class SentChunks {

  private SentChunks() {}

  /** The capture time of chunk 0 of {@code sensor}, from the whole topic. */
  public static long firstCaptureMicros(String bootstrapServers, String sensor) {
    try (KafkaConsumer<String, AudioChunk> c = new KafkaConsumer<>(KafkaConnection.to(bootstrapServers).clientProperties(),
        new StringDeserializer(), ContractSerdes.audioChunk().deserializer())) {
      List<TopicPartition> tps = c.partitionsFor(Topics.AUDIO_CHUNKS).stream()
          .map(i -> new TopicPartition(Topics.AUDIO_CHUNKS, i.partition())).toList();
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = c.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, AudioChunk> r : c.poll(Duration.ofMillis(500))) {
          if (sensor.equals(r.key()) && r.value().getSequence() == 0) {
            return r.value().getCaptureStartMicros();
          }
        }
      }
    }
    throw new AssertionError("no chunk 0 of " + sensor);
  }
}
