package io.soundtag.trainer.sidecar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.OpenedRelease;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelCache;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.release.ReleaseLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar trainer: keeps a local copy of {@code audio.labels}, and when enough clips changed
 * (or its period passed) trains a candidate, lets the gate decide, and records the decision on
 * {@code audio.models}; a promoted candidate is what the taggers of its deployment swap in.
 *
 * <pre>{@code
 * try (Sidecar sidecar = Sidecar.start(SidecarConfig.of(kafka, Path.of("sidecar")).withSchedule(50, Duration.ofHours(1)))) {
 *   MetricsEndpoint.start(sidecar.metrics().registry(), "127.0.0.1", 9401);
 *   …
 * }
 * }</pre>
 *
 * <p>Killed at any moment and started again on the same directory it loses nothing and repeats
 * nothing: the label cache survives a kill; a run checkpoints every epoch in {@code runs/KEY}
 * (KEY from the parent release, the label-set hash and the recipe hash) and resumes there; a
 * release is written in one transaction, and before training and again before publishing the
 * release log is checked for a decision on the same KEY, so a candidate is never recorded twice.
 */
public final class Sidecar implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);
  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final String STATE_FILE = "sidecar-state.json";

  /** What the sidecar remembers between starts: the labels of its last run, and when it was. */
  record LastRun(List<ClipSummary> clips, long atMillis) {}

  private final SidecarConfig config;
  private final SidecarMetrics metrics = new SidecarMetrics();
  private final LabelCache cache;
  private final ReleaseLog log;
  private final ChunkArchive archive;
  private final Thread thread;
  private volatile boolean closing;
  /** Polls a due run waits at most for the labels to stop changing. */
  private static final int MAX_SETTLE_POLLS = 5;

  private volatile SidecarStatus status;
  private LastRun lastRun;
  /** The label-set hash whose clips could not make a run; not tried again until the labels change. */
  private String unusableLabels;
  /** The label-set hash of the previous refresh: a run starts only when the labels have settled. */
  private String lastSeenLabels;
  /** Polls a due run has waited for the labels to settle. */
  private int duePolls;

  private Sidecar(SidecarConfig config) {
    this.config = config;
    this.status = new SidecarStatus(SidecarStatus.State.STARTING, 0, 0, 0, 0, "", "", null, 0, 0, "");
    metrics.state(SidecarStatus.State.STARTING);
    try {
      Files.createDirectories(config.cacheDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sidecar directory " + config.cacheDir() + ": " + e.getMessage(), e);
    }
    this.cache = LabelCache.open(config.cacheDir().resolve("labels"), config.kafka(), config.labelsTopic());
    this.log = new ReleaseLog(config.kafka(), config.modelsTopic()).signedBy(config.signingKey());
    this.archive = ChunkArchive.open(config.kafka(), config.chunksTopic(), ChunkArchive.DEFAULT_SKEW);
    this.lastRun = readLastRun();
    this.thread = new Thread(this::loop, "soundtag-sidecar");
    thread.setDaemon(true);
  }

  /** Starts the sidecar's loop on its own thread. */
  public static Sidecar start(SidecarConfig config) {
    Sidecar sidecar = new Sidecar(config);
    sidecar.thread.start();
    LOG.info("sidecar for deployment {} in {}: a run per {} changed clips{}; recipe {}", config.deployment(), config.cacheDir(),
        config.minNewLabels(), config.every() == null ? "" : " or every " + config.every(), config.recipe().hash());
    return sidecar;
  }

  public SidecarStatus status() {
    return status;
  }

  public SidecarMetrics metrics() {
    return metrics;
  }

  private void loop() {
    while (!closing) {
      try {
        cycle();
      } catch (SidecarStopping stopping) {
        break;
      } catch (RuntimeException e) {
        if (closing) {
          break;
        }
        LOG.warn("sidecar cycle failed: {}; trying again in {}", e.getMessage(), config.poll());
        LOG.debug("sidecar cycle failure", e);
        metrics.failures.inc();
        status = new SidecarStatus(SidecarStatus.State.WAITING, 0, status.runs(), status.promoted(), status.refused(),
            status.lastDecision(), status.lastRelease(), status.labels(), status.changedSinceLastRun(), status.failures() + 1,
            String.valueOf(e.getMessage()));
      }
      sleep(config.poll());
    }
    setState(SidecarStatus.State.STOPPED, 0);
  }

  private void cycle() {
    LabelSnapshot snapshot = cache.refresh();
    int changed = lastRun == null ? snapshot.size() : snapshot.changedSince(previous());
    status = new SidecarStatus(SidecarStatus.State.WAITING, 0, status.runs(), status.promoted(), status.refused(),
        status.lastDecision(), status.lastRelease(), snapshot.counts(), changed, status.failures(), status.lastError());
    metrics.state(SidecarStatus.State.WAITING);
    metrics.labels(snapshot.counts(), changed);
    boolean settled = snapshot.labelSetHash().equals(lastSeenLabels);
    lastSeenLabels = snapshot.labelSetHash();
    long now = System.currentTimeMillis();
    boolean periodDue = config.every() != null && changed > 0
        && (lastRun == null || now - lastRun.atMillis() >= config.every().toMillis());
    if (snapshot.size() == 0 || (changed < config.minNewLabels() && !periodDue) || snapshot.labelSetHash().equals(unusableLabels)) {
      duePolls = 0;
      return;
    }
    // A due run waits until the labels stop changing for one poll, so that an import still being
    // written is trained on whole rather than cut wherever the poll fell; but never more than a few
    // polls, so that a steady stream of reviews does not hold training off for ever.
    if (!settled && ++duePolls < MAX_SETTLE_POLLS) {
      return;
    }
    duePolls = 0;
    OpenedRelease served = served();
    CandidateIdentity identity = new CandidateIdentity(served == null ? null : served.release().getRelease(),
        snapshot.labelSetHash(), config.recipe().hash());
    if (served != null && identity.servedIsTrainedOnThis(served.release())) {
      LOG.info("the served release {} was trained on these labels with this recipe; nothing to do", served.id());
      remember(snapshot, now);
      return;
    }
    Optional<ModelRelease> decided = identity.decided(log.history(config.deployment()));
    if (decided.isPresent()) {
      LOG.info("this candidate (parent {}, labels {}, recipe {}) was already decided: release {} {}", identity.parentRelease(),
          identity.labelSetHash().substring(0, 12), identity.recipeHash(), ReleaseEnvelope.id(decided.get()),
          decided.get().getDecision());
      remember(snapshot, now);
      return;
    }
    Path runs = config.cacheDir().resolve("runs");
    Path runDir = runs.resolve(identity.key());
    deleteOtherRuns(runs, runDir);
    long[] steps = {0, 1};
    TrainingListener progress = new TrainingListener() {
      @Override
      public void note(String line) {
        LOG.info("{}", line);
      }

      @Override
      public void started(String task, long totalSteps) {
        steps[1] = Math.max(1, totalSteps);
      }

      @Override
      public void step(double loss) {
        if (closing) {
          throw new SidecarStopping();
        }
        steps[0]++;
        double p = Math.min(1, steps[0] / (double) steps[1]);
        metrics.progress.set(p);
        status = withState(status.state(), p);
      }
    };
    SidecarRun.Outcome outcome;
    try {
      outcome = new SidecarRun(config, log, archive, s -> setState(s, status.progress())).run(snapshot, served, identity, runDir,
          progress);
    } catch (IllegalArgumentException e) {
      unusableLabels = snapshot.labelSetHash();
      throw new IllegalStateException(e.getMessage() + "; waiting for the labels to change", e);
    }
    if (outcome.release() == null) {
      setState(SidecarStatus.State.WAITING, 0);
      return;
    }
    ModelRelease r = outcome.release();
    boolean promoted = r.getDecision() == io.soundtag.schemas.ReleaseDecision.PROMOTED;
    metrics.decisions.labelValues(r.getDecision().name().toLowerCase(java.util.Locale.ROOT)).inc();
    metrics.lastGain.set(outcome.decision().gain());
    metrics.lastPromoted.set(promoted ? 1 : 0);
    metrics.lastRelease.set(r.getRelease());
    metrics.progress.set(0);
    remember(snapshot, now);
    deleteTree(runDir);
    String line = ReleaseEnvelope.id(r) + " " + outcome.decision().summary();
    LOG.info("recorded release {}", line);
    status = new SidecarStatus(SidecarStatus.State.WAITING, 0, status.runs() + 1, status.promoted() + (promoted ? 1 : 0),
        status.refused() + (promoted ? 0 : 1), line, ReleaseEnvelope.id(r).toString(), status.labels(), 0, status.failures(),
        status.lastError());
    metrics.state(SidecarStatus.State.WAITING);
  }

  private OpenedRelease served() {
    Optional<ModelRelease> current = log.current(config.deployment());
    if (current.isEmpty()) {
      return null;
    }
    try {
      return ReleaseEnvelope.open(current.get(), config.signatures());
    } catch (InvalidReleaseException e) {
      metrics.refusedReleases.labelValues(e.reason().name()).inc();
      throw new IllegalStateException("the served release " + ReleaseEnvelope.id(current.get()) + " cannot be read (" + e.getMessage()
          + "); roll back or publish a good release", e);
    }
  }

  private LabelSnapshot previous() {
    List<CachedClip> clips = lastRun.clips().stream().map(s -> new CachedClip(s, null)).toList();
    return new LabelSnapshot(config.labelsTopic(), Map.of(), clips, "", 0);
  }

  private void remember(LabelSnapshot snapshot, long atMillis) {
    lastRun = new LastRun(snapshot.clips().stream().map(CachedClip::summary).toList(), atMillis);
    Path file = config.cacheDir().resolve(STATE_FILE);
    Path tmp = config.cacheDir().resolve(STATE_FILE + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), lastRun);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private LastRun readLastRun() {
    Path file = config.cacheDir().resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), LastRun.class);
    } catch (IOException e) {
      LOG.warn("cannot read {} ({}); every clip counts as new", file, e.getMessage());
      return null;
    }
  }

  private void setState(SidecarStatus.State state, double progress) {
    metrics.state(state);
    status = withState(state, progress);
  }

  private SidecarStatus withState(SidecarStatus.State state, double progress) {
    SidecarStatus s = status;
    return new SidecarStatus(state, progress, s.runs(), s.promoted(), s.refused(), s.lastDecision(), s.lastRelease(), s.labels(),
        s.changedSinceLastRun(), s.failures(), s.lastError());
  }

  private static void deleteOtherRuns(Path runs, Path keep) {
    if (!Files.isDirectory(runs)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d : dirs.toList()) {
        if (!d.equals(keep)) {
          LOG.info("dropping the checkpoints of an earlier candidate, {}", d.getFileName());
          deleteTree(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runs, e);
    }
  }

  private static void deleteTree(Path p) {
    try {
      PathUtils.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
  }

  /** Stops the loop (a run in progress stops at its next step, its checkpoints kept) and closes the clients. */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    archive.close();
    cache.close();
    setState(SidecarStatus.State.STOPPED, 0);
  }

  /** Thrown from a training step when the sidecar is closing. */
  private static final class SidecarStopping extends RuntimeException {
    SidecarStopping() {
      super("the sidecar is closing", null, false, false);
    }
  }
}
