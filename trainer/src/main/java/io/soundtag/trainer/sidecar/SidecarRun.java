package io.soundtag.trainer.sidecar;

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
 * One candidate from labels to a recorded decision: split off the gate clips, train (warm-started
 * from the served release, resuming the run's checkpoints), score candidate and served model on
 * the gate set, shadow-run both on live audio, and record the decision as a PROMOTED or REFUSED
 * release with its lineage.
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

  /** @throws IllegalArgumentException when the labels cannot make a run (no training or no gate clips) */
  Outcome run(LabelSnapshot snapshot, OpenedRelease served, CandidateIdentity identity, Path runDir, TrainingListener listener) {
    ModelBundle servedBundle = served == null ? null : served.bundle();
    TaskType task = task(snapshot, servedBundle);
    List<String> classes = classes(snapshot, servedBundle);
    List<CachedClip> usable = snapshot.clips().stream()
        .filter(c -> task == TaskType.MULTI_LABEL || (!c.negative() && c.labels().size() == 1)).toList();
    GateSplit<CachedClip> split = GateSplit.of(usable, CachedClip::clipId, CachedClip::split, config.gatePercent(),
        config.validationPercent());
    if (split.train().isEmpty() || split.gate().isEmpty()) {
      throw new IllegalArgumentException("the labels give " + split.train().size() + " training and " + split.gate().size()
          + " gate clips; a run needs both (label more clips, or some with --split gate)");
    }
    List<LabelledAudio> train = audio(split.train());
    List<LabelledAudio> validation = split.validation().isEmpty() ? train : audio(split.validation());
    List<LabelledAudio> gate = audio(split.gate());
    LOG.info("run {}: {} clips ({} train, {} validation, {} gate), {} classes, {}; parent {}", identity.key(), usable.size(),
        train.size(), split.validation().size(), gate.size(), classes.size(), task, served == null ? "none" : served.id());

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
        .optProvenance("parent", served == null ? "" : served.id().toString())
        .optProvenance("created_by", config.createdBy())
        .build()
        .run(listener);
    ModelBundle candidate = trained.bundle();

    state.accept(SidecarStatus.State.GATING);
    GateFigures candidateFigures = GateScoring.score("candidate", candidate, gate, classes, task, config.device());
    GateFigures servedFigures = servedBundle == null
        ? GateBaseline.chance(task, classes, GateScoring.targets(gate, classes))
        : GateScoring.score(served.id().toString(), servedBundle, gate, classes, task, config.device());
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

  private static List<LabelledAudio> audio(List<CachedClip> clips) {
    List<LabelledAudio> out = new ArrayList<>(clips.size());
    for (CachedClip c : clips) {
      out.add(new LabelledAudio(c.clipId(), c.audio(c.summary().sampleRate()), c.labels()));
    }
    return out;
  }
}
