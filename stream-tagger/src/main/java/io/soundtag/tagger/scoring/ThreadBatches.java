package io.soundtag.tagger.scoring;

import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ThreadBatch} per stream thread of one topology: the scorers of all tasks a thread
 * runs share it. A thread that dies (an uncaught error; Kafka Streams replaces it) may never close
 * its tasks, so its batch would keep its hold on the model it used for good, and a swapped-out
 * model, with its native memory, would never be freed: the batches of dead threads are released
 * by the live ones, at their next forward pass.
 */
public final class ThreadBatches {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadBatches.class);

  private final Map<Thread, ThreadBatch> byThread = new ConcurrentHashMap<>();
  private final ModelSlot models;
  private final BatchPolicy policy;
  private final TagPolicy tagPolicy;
  private final TaggerMetrics metrics;

  public ThreadBatches(ModelSlot models, BatchPolicy policy, TagPolicy tagPolicy, TaggerMetrics metrics) {
    this.models = models;
    this.policy = policy;
    this.tagPolicy = tagPolicy;
    this.metrics = metrics;
  }

  ThreadBatch current() {
    return byThread.computeIfAbsent(Thread.currentThread(), t -> new ThreadBatch(models, policy, tagPolicy, metrics, this));
  }

  BatchPolicy policy() {
    return policy;
  }

  /** Releases the model held by the batch of every thread that has ended; returns how many. */
  int releaseDeadThreads() {
    int released = 0;
    for (Map.Entry<Thread, ThreadBatch> e : byThread.entrySet()) {
      // A thread that is not alive has finished: nothing it did to its batch can race with this.
      if (!e.getKey().isAlive() && byThread.remove(e.getKey(), e.getValue())) {
        e.getValue().release();
        released++;
        LOG.warn("stream thread {} ended without closing its tasks; its hold on the model is released", e.getKey().getName());
      }
    }
    return released;
  }
}
