package io.soundtag.trainer.release;

import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the taggers' heartbeats from {@code audio.status}: the latest status of every instance.
 *
 * <pre>{@code
 * for (TaggerStatus s : new TaggerStatusReader(kafka).read()) { ... s.getServedModelId() ... }
 * }</pre>
 */
public final class TaggerStatusReader {

  private static final Logger LOG = LoggerFactory.getLogger(TaggerStatusReader.class);
  private static final int MAX_STATUS_BYTES = 1024 * 1024;

  private final KafkaConnection kafka;
  private final String topic;

  /** The reader of {@link Topics#AUDIO_STATUS}. */
  public TaggerStatusReader(KafkaConnection kafka) {
    this(kafka, Topics.AUDIO_STATUS);
  }

  public TaggerStatusReader(KafkaConnection kafka, String topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  /** The latest status of every instance, by instance id; empty when the topic does not exist yet. */
  public List<TaggerStatus> read() {
    Map<String, TaggerStatus> latest = new TreeMap<>();
    TopicSnapshot.read(kafka, topic, MAX_STATUS_BYTES, Duration.ofSeconds(30), r -> {
      if (r.value() == null) {
        latest.remove(r.key());
        return;
      }
      try {
        TaggerStatus s = Contracts.TAGGER_STATUS.decode(r.value());
        latest.put(s.getInstanceId(), s);
      } catch (RuntimeException e) {
        LOG.warn("skipping record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    });
    return new ArrayList<>(latest.values());
  }
}
