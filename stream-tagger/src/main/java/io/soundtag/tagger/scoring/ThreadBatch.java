package io.soundtag.tagger.scoring;

import io.soundtag.core.audio.SoundLevel;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.WindowFit;
import io.soundtag.core.inference.WindowLengthMismatch;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.reassembly.SensorWindow;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windows every task of one stream thread has ready, scored together in one forward pass so
 * the batch is as large as the thread's whole load allows. Each window goes back to the
 * {@link WindowScorer} that added it, which forwards the result through its own context. Used by
 * one thread only; it holds that thread's inference session. A forward pass that fails (anything
 * but a window of the wrong length, which would be a bug here) hands every window of the batch
 * back as failed, to be dead-lettered, and starts a new session: the thread goes on.
 */
final class ThreadBatch {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadBatch.class);

  private record Entry(WindowScorer owner, SensorWindow window) {}

  private final ModelSlot models;
  private final BatchPolicy policy;
  private final TagPolicy tagPolicy;
  private final TaggerMetrics metrics;
  private final ThreadBatches all;
  private final List<Entry> waiting = new ArrayList<>();
  private final Map<WindowScorer, Boolean> members = new IdentityHashMap<>();
  private ModelSlot.Held held;
  private InferenceSession session;

  ThreadBatch(ModelSlot models, BatchPolicy policy, TagPolicy tagPolicy, TaggerMetrics metrics, ThreadBatches all) {
    this.models = models;
    this.policy = policy;
    this.tagPolicy = tagPolicy;
    this.metrics = metrics;
    this.all = all;
  }

  void join(WindowScorer scorer) {
    members.put(scorer, Boolean.TRUE);
  }

  /** The scorer's task closed: its waiting windows are dropped (they stay in its store for the next owner). */
  void leave(WindowScorer scorer) {
    members.remove(scorer);
    waiting.removeIf(e -> e.owner() == scorer);
    if (members.isEmpty()) {
      closeSession();
    }
  }

  void add(WindowScorer owner, SensorWindow window) {
    waiting.add(new Entry(owner, window));
  }

  int size() {
    return waiting.size();
  }

  /** Full, or its oldest window has waited the policy's time. */
  boolean due(long nowMillis) {
    if (waiting.size() >= policy.maxWindows()) {
      return true;
    }
    long oldest = Long.MAX_VALUE;
    for (Entry e : waiting) {
      oldest = Math.min(oldest, e.window().arrivedAtMillis());
    }
    return !waiting.isEmpty() && nowMillis - oldest >= policy.maxWaitMillis();
  }

  /** Scores every waiting window (at most a batch's worth per forward pass) and hands each to its owner. */
  void score() {
    all.releaseDeadThreads();
    while (!waiting.isEmpty()) {
      List<Entry> batch = new ArrayList<>(waiting.subList(0, Math.min(policy.maxWindows(), waiting.size())));
      waiting.subList(0, batch.size()).clear();
      scoreBatch(batch);
    }
  }

  private void scoreBatch(List<Entry> batch) {
    InferenceSession s = session();
    BundleManifest manifest = held.model().manifest();
    String modelId = held.model().id().toString();
    double[] levels = new double[batch.size()];
    List<float[]> inputs = new ArrayList<>(batch.size());
    List<Integer> scoredIndex = new ArrayList<>(batch.size());
    boolean[] gated = new boolean[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      SensorWindow w = batch.get(i).window();
      levels[i] = SoundLevel.laeq(w.samples(), w.sampleRate());
      if (tagPolicy.levelGateDb() != null && levels[i] < tagPolicy.levelGateDb()) {
        metrics.levelGated.inc();
        gated[i] = true;
        continue;
      }
      scoredIndex.add(i);
      inputs.add(WindowFit.fits(w.samples(), w.sampleRate(), manifest) ? w.samples()
          : WindowFit.fit(w.samples(), w.sampleRate(), manifest));
    }
    float[][] scores = new float[batch.size()][];
    String failure = null;
    if (!inputs.isEmpty()) {
      long t0 = System.nanoTime();
      try {
        float[][] out = s.score(inputs);
        metrics.inferenceSeconds.observe((System.nanoTime() - t0) / 1e9);
        metrics.batchSize.observe(inputs.size());
        for (int j = 0; j < out.length; j++) {
          scores[scoredIndex.get(j)] = out[j];
        }
      } catch (WindowLengthMismatch e) {
        throw e;
      } catch (RuntimeException e) {
        failure = "inference failed on " + modelId + " for a batch of " + inputs.size() + " windows: " + e;
        LOG.error("{}; the batch's windows go to the dead-letter topic and the session is renewed", failure, e);
        // A native failure may leave the session in any state: the next batch starts a fresh one.
        closeSession();
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      Entry e = batch.get(i);
      if (failure != null && scores[i] == null && !gated[i]) {
        e.owner().failed(e.window(), failure);
      } else {
        e.owner().scored(new ScoredWindow(e.window(), scores[i], levels[i], modelId, manifest.classes(), manifest.thresholds(),
            manifest.coarseTaxonomy()));
      }
    }
  }

  /** Releases this batch's session and its hold on the model (the thread that used it has ended). */
  void release() {
    waiting.clear();
    members.clear();
    closeSession();
  }

  /** The session of the current model, renewed after a swap. */
  private InferenceSession session() {
    if (held != null && held.model().id().equals(models.currentId())) {
      return session;
    }
    closeSession();
    held = models.acquire();
    session = held.model().newSession();
    return session;
  }

  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
    if (held != null) {
      held.release();
      held = null;
    }
  }
}
