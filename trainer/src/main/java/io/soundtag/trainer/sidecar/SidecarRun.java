package io.soundtag.trainer.sidecar;

import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.release.OpenedRelease;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.gate.Gate;
import io.soundtag.trainer.gate.GateBaseline;
import io.soundtag.trainer.gate.GateDecision;
import io.soundtag.trainer.gate.GateFigures;
import io.soundtag.trainer.gate.GateSplit;
import io.soundtag.trainer.gate.ShadowComparison;
import io.soundtag.trainer.job.LabelledAudio;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.job.TrainingJob;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingResult;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.release.ReleaseLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One candidate from labels to a recorded decision: place the labels on the served taxonomy (when
 * its bundle carries one, see {@link SiteTaxonomy}), split off the gate clips, add the
 * {@link Rehearsal} clips to a taxonomy candidate's training clips, train (warm-started
 * from the served release, resuming the run's checkpoints), choose its thresholds for a false-alarm
 * target ({@link CandidateThresholds}), score candidate and served model on the gate set,
 * shadow-run both on live audio, and record the decision as a PROMOTED or REFUSED release with its
 * lineage.
 */
final class SidecarRun {

  private static final Logger LOG = LoggerFactory.getLogger(SidecarRun.class);

  /**
   * What a run decided.
   *
   * @param decision the gate's decision
   * @param shadow the shadow run
   * @param release the release recorded, or null when the candidate went stale before publishing
   */
  record Outcome(GateDecision decision, ShadowComparison shadow, ModelRelease release) {}

  private final SidecarConfig config;
  private final ReleaseLog log;
  private final ChunkArchive archive;
  private final Consumer<SidecarStatus.State> state;

  SidecarRun(SidecarConfig config, ReleaseLog log, ChunkArchive archive, Consumer<SidecarStatus.State> state) {
    this.config = config;
    this.log = log;
    this.archive = archive;
    this.state = state;
  }

  /**
   * A trained candidate and what the gate needs of it.
   *
   * @param bundle the candidate: its chosen thresholds and, for a taxonomy model, the served taxonomy
   * @param task single- or multi-label
   * @param classes the candidate's classes, in its order
   * @param gate the gate clips, their labels placed on the candidate's classes
   * @param figures the candidate's figures on them
   * @param thresholds how its thresholds were chosen
   */
  record Candidate(ModelBundle bundle, TaskType task, List<String> classes, List<LabelledAudio> gate, GateFigures figures,
      CandidateThresholds thresholds) {}

  /** @throws IllegalArgumentException when the labels cannot make a run (no training or no gate clips) */
  Outcome run(LabelSnapshot snapshot, OpenedRelease served, CandidateIdentity identity, Path runDir, TrainingListener listener) {
    ModelBundle servedBundle = served == null ? null : served.bundle();
    Candidate trained = train(snapshot, servedBundle, served == null ? "" : served.id().toString(), identity.key(), runDir,
        listener);
    List<String> classes = trained.classes();
    ModelBundle candidate = trained.bundle();
    GateFigures candidateFigures = trained.figures();
    List<LabelledAudio> gate = trained.gate();
    TaskType task = trained.task();
    GateFigures servedFigures = servedBundle == null
        ? GateBaseline.chance(task, classes, GateScoring.targets(gate, classes))
        : GateScoring.score(served.id().toString(), servedBundle, gate, classes, task, config.device())
            .withFalseAlarms(GateScoring.falseAlarms(servedBundle, gate, gateQuietWindows(servedBundle), config.device()));
    GateDecision decision = new Gate(config.rules()).decide(candidateFigures, servedFigures, GateScoring.clipsPerClass(gate));
    ShadowComparison shadow = ShadowRun.compare(archive, candidate, servedBundle, config.shadowSpan(), config.shadowSensors(),
        config.device());
    LOG.info("run {}: {}", identity.key(), decision.summary());
    shadow.notableChanges().forEach(line -> LOG.info("run {}: {}", identity.key(), line));

    state.accept(SidecarStatus.State.PUBLISHING);
    Optional<ModelRelease> already = identity.decided(log.history(config.deployment()));
    if (already.isPresent()) {
      return new Outcome(decision, shadow, already.get());
    }
    Map<String, Double> candidateMap = new LinkedHashMap<>(candidateFigures.asMap());
    candidateMap.putAll(shadow.candidateMap());
    candidateMap.put("gain", decision.gain());
    Map<String, Double> parentMap = new LinkedHashMap<>(servedFigures.asMap());
    parentMap.putAll(shadow.servedMap());
    candidateMap.values().removeIf(v -> !Double.isFinite(v));
    boolean classesChanged = servedBundle != null && !servedBundle.manifest().classes().equals(classes);
    ReleaseLineage lineage = new ReleaseLineage(config.deployment(),
        decision.promote() ? ReleaseDecision.PROMOTED : ReleaseDecision.REFUSED,
        new io.soundtag.core.release.LabelSnapshot(snapshot.topic(), snapshot.endOffsets(), snapshot.labelSetHash(), snapshot.size()),
        config.recipe().toJson(), candidateMap, parentMap, classesChanged, config.createdBy());
    try {
      // The decision is against this parent: if another release became current meanwhile, it is stale.
      return new Outcome(decision, shadow, log.publishOnto(candidate.toBytes(), lineage, identity.parentRelease()).release());
    } catch (ReleaseLog.ParentMoved moved) {
      LOG.warn("run {}: {}; its decision is dropped and the labels are looked at again", identity.key(), moved.getMessage());
      return new Outcome(decision, shadow, null);
    }
  }

  /**
   * Labels to a candidate: place them on the served taxonomy (if any), split off the gate clips,
   * train, choose the thresholds and score the candidate on the gate clips. Needs neither the
   * release log nor the chunk archive.
   *
   * @param servedBundle the served release's bundle, or null
   * @param parent the served release's id, or empty
   * @param key the candidate's key, for the log
   * @throws IllegalArgumentException when the labels cannot make a run (no training or no gate clips)
   */
  Candidate train(LabelSnapshot snapshot, ModelBundle servedBundle, String parent, String key, Path runDir,
      TrainingListener listener) {
    Optional<SiteTaxonomy> taxonomy = SiteTaxonomy.of(servedBundle);
    LabelSnapshot labels = snapshot;
    String placement = "";
    if (taxonomy.isPresent()) {
      SiteTaxonomy.Placed placed = taxonomy.get().place(snapshot);
      labels = placed.snapshot();
      placement = placed.note();
      if (!placement.isEmpty()) {
        LOG.warn("run {}: {}", key, placement);
      }
    }
    TaskType task = task(labels, servedBundle);
    List<String> classes = taxonomy.isPresent() ? taxonomy.get().classes() : classes(labels, servedBundle);
    List<CachedClip> usable = labels.clips().stream()
        .filter(c -> task == TaskType.MULTI_LABEL || (!c.negative() && c.labels().size() == 1)).toList();
    GateSplit<CachedClip> split = GateSplit.of(usable, CachedClip::clipId, CachedClip::split, config.gatePercent(),
        config.validationPercent());
    if (split.train().isEmpty() || split.gate().isEmpty()) {
      throw new IllegalArgumentException("the labels give " + split.train().size() + " training and " + split.gate().size()
          + " gate clips; a run needs both (label more clips, or some with --split gate)"
          + (placement.isEmpty() ? "" : "; " + placement));
    }
    List<LabelledAudio> train = new ArrayList<>(audio(split.train()));
    List<LabelledAudio> validation = split.validation().isEmpty() ? List.copyOf(train) : audio(split.validation());
    List<LabelledAudio> gate = audio(split.gate());
    List<LabelledAudio> rehearsal = taxonomy.isPresent()
        ? config.rehearsal().clips(taxonomy.get().taxonomy(), servedBundle.manifest().sampleRate(), servedBundle.manifest().windowSamples())
        : List.of();
    train.addAll(rehearsal);
    LOG.info("run {}: {} clips ({} train, {} validation, {} gate), {} classes, {}; {} rehearsal clips; parent {}", key, usable.size(),
        split.train().size(), split.validation().size(), gate.size(), classes.size(), task, rehearsal.size(),
        parent.isEmpty() ? "none" : parent);

    state.accept(SidecarStatus.State.TRAINING);
    TrainingResult trained = TrainingJob.builder()
        .setData(TrainingData.clips(config.labelsTopic(), task, classes, train, validation))
        .optRecipe(config.recipe())
        .optWarmStart(servedBundle)
        .optModelName(config.deployment())
        .optWorkDir(runDir)
        .optResume(true)
        .optDevice(config.device())
        .optProvenance("command", "soundtag trainer run --deployment " + config.deployment())
        .optProvenance("label_snapshot", snapshot.topic() + " " + snapshot.endOffsets() + " " + snapshot.labelSetHash())
        .optProvenance("parent", parent)
        .optProvenance("created_by", config.createdBy())
        .build()
        .run(listener);

    state.accept(SidecarStatus.State.GATING);
    GateScoring.Scores scores = GateScoring.scores(trained.bundle(), gate, classes, task, config.device());
    CandidateThresholds thresholds = CandidateThresholds.choose(scores.clipScores(), scores.targets(),
        CandidateThresholds.targetFor(config.falseAlarmTarget(), servedBundle), classes, trained.bundle().manifest().thresholds(),
        servedBundle);
    LOG.info("run {}: thresholds {}", key, thresholds.note());
    ModelBundle candidate = candidate(trained.bundle(), thresholds, taxonomy.orElse(null), placement);
    GateFigures figures = GateScoring.figures("candidate", candidate, scores, classes, task)
        .withFalseAlarms(GateScoring.falseAlarms(candidate, gate, gateQuietWindows(servedBundle), config.device()));
    return new Candidate(candidate, task, classes, gate, figures, thresholds);
  }

  /**
   * Quiet ambience windows among the gate's negatives: {@link GateScoring#QUIET_WINDOWS} when the
   * served model carries a taxonomy (an open-set detector, trained with quiet ambience as a
   * negative), else none: for the simulated city's model, whose rain and air conditioner are
   * noise-like, a window of pink noise is no false alarm.
   */
  private static int gateQuietWindows(ModelBundle servedBundle) {
    return SiteTaxonomy.of(servedBundle).isPresent() ? GateScoring.QUIET_WINDOWS : 0;
  }

  /** Multi-label when a clip is negative or has several labels, or the served model is; else single-label. */
  static TaskType task(LabelSnapshot snapshot, ModelBundle served) {
    boolean multi = snapshot.clips().stream().anyMatch(c -> c.negative() || c.labels().size() != 1)
        || (served != null && served.manifest().task() == TaskType.MULTI_LABEL);
    return multi ? TaskType.MULTI_LABEL : TaskType.SINGLE_LABEL;
  }

  /**
   * The classes the labels name: in the served model's order when they are its classes (so its head
   * carries over), its order followed by the new ones when labels add classes, else sorted.
   */
  static List<String> classes(LabelSnapshot snapshot, ModelBundle served) {
    List<String> named = snapshot.classes();
    if (served == null) {
      return named;
    }
    List<String> known = served.manifest().classes();
    if (!named.containsAll(known)) {
      return named;
    }
    LinkedHashSet<String> ordered = new LinkedHashSet<>(known);
    ordered.addAll(named);
    return new ArrayList<>(ordered);
  }

  /**
   * The trained bundle with the chosen thresholds (and how they were chosen in its provenance) and,
   * for a taxonomy model, the served coarse groups and taxonomy, so the next run reads them again.
   *
   * @param placement the note on site labels the taxonomy did not place, or empty
   */
  static ModelBundle candidate(ModelBundle trained, CandidateThresholds thresholds, SiteTaxonomy taxonomy, String placement) {
    BundleManifest m = trained.manifest();
    Map<String, String> provenance = new LinkedHashMap<>(m.provenance());
    provenance.put("thresholds", thresholds.note());
    Map<String, String> coarse = m.coarseTaxonomy();
    if (taxonomy != null) {
      coarse = taxonomy.coarseTaxonomy();
      provenance.put(SiteTaxonomy.PROVENANCE_KEY, taxonomy.json());
      if (!placement.isEmpty()) {
        provenance.put("site_labels", placement);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>(m.metrics());
    metrics.remove(CandidateThresholds.TARGET_METRIC);
    if (Double.isFinite(thresholds.chosenFor())) {
      metrics.put(CandidateThresholds.TARGET_METRIC, thresholds.chosenFor());
    }
    if (Double.isFinite(thresholds.falseAlarmRate())) {
      metrics.put("gate_false_alarm_rate", thresholds.falseAlarmRate());
    }
    BundleManifest stamped = new BundleManifest(m.formatVersion(), m.modelName(), m.version(), m.parentVersion(), m.createdAtMillis(),
        m.task(), m.classes(), thresholds.thresholds(), coarse, m.sampleRate(), m.windowSamples(), m.hopSamples(), m.branches(),
        m.studentBranch(), metrics, provenance);
    Map<String, byte[]> parameters = new LinkedHashMap<>();
    for (BranchManifest b : m.branches()) {
      parameters.put(b.parametersEntry(), trained.parameters(b));
    }
    return new ModelBundle(stamped, parameters);
  }

  private static List<LabelledAudio> audio(List<CachedClip> clips) {
    List<LabelledAudio> out = new ArrayList<>(clips.size());
    for (CachedClip c : clips) {
      out.add(new LabelledAudio(c.clipId(), c.audio(c.summary().sampleRate()), c.labels()));
    }
    return out;
  }
}
