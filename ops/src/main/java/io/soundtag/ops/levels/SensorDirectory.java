package io.soundtag.ops.levels;

import io.soundtag.schemas.SensorInfo;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.serde.RecordDecodingException;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The compacted {@code audio.sensors} topic: each sensor's latest SensorInfo, read and written. */
final class SensorDirectory {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConnection kafka;

  SensorDirectory(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  /** The sensor's latest readable record, if any. */
  Optional<SensorInfo> latest(String sensorId) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(Topics.AUDIO_SENSORS, TIMEOUT);
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("topic " + Topics.AUDIO_SENSORS + " does not exist; create it (compacted) or run soundtag broker");
      }
      List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, TIMEOUT);
      Optional<SensorInfo> found = Optional.empty();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading " + Topics.AUDIO_SENSORS);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (!sensorId.equals(r.key())) {
            continue;
          }
          if (r.value() == null) {
            found = Optional.empty();
            continue;
          }
          try {
            found = Optional.of(Contracts.SENSOR_INFO.decode(r.value()));
          } catch (RecordDecodingException e) {
            // An unreadable record is no information about the sensor.
          }
        }
      }
      return found;
    }
  }

  /** Writes {@code info} as the sensor's latest record and waits for the broker to have it. */
  void publish(SensorInfo info) {
    try (KafkaProducer<String, SensorInfo> producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
        new StringSerializer(), ContractSerdes.sensorInfo().serializer())) {
      producer.send(new ProducerRecord<>(Topics.AUDIO_SENSORS, info.getSensorId(), info))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + Topics.AUDIO_SENSORS + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out writing to " + Topics.AUDIO_SENSORS, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
