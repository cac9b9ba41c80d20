package io.soundtag.ops.tagger;

import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes release records straight to {@code audio.models}, past the release log's checks: how a damaged or replayed release arrives. */
final class RawReleases implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  RawReleases(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ReleaseEnvelope.MAX_RECORD_BYTES);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * ReleaseEnvelope.MAX_RECORD_BYTES);
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  void write(ModelRelease release) throws Exception {
    producer.send(new ProducerRecord<>(Topics.AUDIO_MODELS, ReleaseEnvelope.key(release), Contracts.MODEL_RELEASE.encode(release))).get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
