package io.soundtag.tagger.topology;

import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka Streams application around {@link TaggerTopology}; started and closed by {@link io.soundtag.tagger.Tagger}. */
public final class TaggerApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaggerApp.class);

  private final KafkaStreams streams;
  private final ModelSlot models;

  public TaggerApp(TaggerConfig config, ModelSlot models, TaggerMetrics metrics) {
    this.models = models;
    this.streams = new KafkaStreams(TaggerTopology.build(config, models, metrics), config.streamsProperties());
    // A failure in one thread replaces that thread; the stream goes on.
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed, replacing it: {}", e.toString(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  public TaggerApp start() {
    streams.start();
    LOG.info("tagger started, serving {}", models.currentId());
    return this;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The tasks this instance runs now, e.g. {@code 0_1}. */
  public List<String> activeTasks() {
    List<String> tasks = new ArrayList<>();
    streams.metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> tasks.add(task.taskId().toString())));
    tasks.sort(null);
    return tasks;
  }

  @Override
  public void close() {
    // Leave the group at once, so the instances left take this one's partitions without waiting for its session to expire.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
