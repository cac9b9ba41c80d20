package io.soundtag.trainer.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.gate.FalseAlarms;
import io.soundtag.trainer.job.LabelledAudio;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.job.TrainingJob;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.labels.LabelledClips;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.training.ThresholdCalibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sidecar candidate from a served taxonomy model and a site's labels, trained for one epoch on
 * tiny synthetic clips (0.3 s at 8 kHz): site labels of two of the three served classes, negatives
 * both as {@code --negative} and as a taxonomy negative, and a label the taxonomy does not place.
 */
class SiteCandidateTest {

  @TempDir
  Path dir;

  private static final TrainingRecipe RECIPE = TrainingRecipe.defaults().with(Map.of("method", "supervised",
      "branches", List.of("logmel:smallcnn"), "epochs", 1,
      "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
      "schedule", Map.of("batchSize", 8)));

  /** 0.3 s of a tone at {@code hz} (0 for quiet noise) with a little noise drawn from {@code seed}. */
  private static MonoAudio sound(double hz, long seed) {
    Random r = new Random(seed);
    float[] x = new float[2400];
    for (int k = 0; k < x.length; k++) {
      double tone = hz > 0 ? 0.4 * Math.sin(2 * Math.PI * hz * k / 8000) : 0;
      x[k] = (float) (tone + 0.02 * r.nextGaussian());
    }
    return new MonoAudio(x, 8000);
  }

  /** The served model: trained on the taxonomy's three classes, carrying the taxonomy as {@code soundtag train --taxonomy} does. */
  private ModelBundle served() {
    List<LabelledAudio> clips = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clips.add(new LabelledAudio("served-siren-" + i, sound(1000, i), List.of("siren_horn")));
      clips.add(new LabelledAudio("served-tools-" + i, sound(2500, 100 + i), List.of("tools")));
      clips.add(new LabelledAudio("served-weather-" + i, sound(300, 200 + i), List.of("weather")));
    }
    ModelBundle trained = TrainingJob.builder()
        .setData(TrainingData.clips("served", TaskType.MULTI_LABEL, ManifestBundles.TAXONOMY.classNames(), clips, clips))
        .optRecipe(RECIPE).optModelName("site").optDevice(Device.cpu()).build().run(new TrainingListener() {})
        .bundle();
    SiteTaxonomy taxonomy = new SiteTaxonomy(ManifestBundles.TAXONOMY, ManifestBundles.TAXONOMY.toJson(),
        ManifestBundles.TAXONOMY.coarseOf());
    CandidateThresholds calibrated = new CandidateThresholds(List.of(0.6, 0.6, 0.6), true, 0.05, 40, 0.0, 0.05, "served thresholds");
    return SidecarRun.candidate(trained, calibrated, taxonomy, "");
  }

  private CachedClip clip(MonoAudio audio, SplitHint split, String... labels) throws IOException {
    ClipLabels l = labels.length == 0 ? ClipLabels.negative("ana", split) : ClipLabels.of(List.of(labels), "ana", split);
    LabelledClip clip = LabelledClips.build(audio, l, ClipOrigin.file("site.wav"), 0L);
    Path file = dir.resolve(clip.getClipId());
    Files.write(file, Contracts.LABELLED_CLIP.encode(clip));
    return new CachedClip(ClipSummary.of(clip), file);
  }

  /** Site labels: siren (as "siren") and tools (as "jackhammer"), negatives, and three clips labelled "banjo". */
  private LabelSnapshot siteLabels() throws IOException {
    List<CachedClip> clips = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clips.add(clip(sound(1000, 1000 + i), SplitHint.TRAIN, "siren"));
      clips.add(clip(sound(2500, 1100 + i), SplitHint.TRAIN, "jackhammer"));
    }
    for (int i = 0; i < 4; i++) {
      clips.add(clip(sound(0, 1200 + i), SplitHint.TRAIN));
      clips.add(clip(sound(0, 1300 + i), SplitHint.TRAIN, "speech"));
    }
    clips.add(clip(sound(600, 1400), SplitHint.TRAIN, "banjo"));
    clips.add(clip(sound(600, 1401), SplitHint.GATE, "banjo"));
    clips.add(clip(sound(1000, 1402), SplitHint.TRAIN, "siren", "banjo"));
    for (int i = 0; i < 3; i++) {
      clips.add(clip(sound(1000, 2000 + i), SplitHint.GATE, "siren"));
      clips.add(clip(sound(2500, 2100 + i), SplitHint.GATE, "jackhammer"));
    }
    for (int i = 0; i < 20; i++) {
      clips.add(clip(sound(0, 2200 + i), SplitHint.GATE));
      clips.add(clip(sound(0, 2300 + i), SplitHint.GATE, "footsteps"));
    }
    return new LabelSnapshot("audio.labels", Map.of(0, (long) clips.size()), clips, "site-labels", 0);
  }

  @Test
  void theCandidateHasEveryServedClassTheTaxonomyAndFalseAlarmThresholds() throws IOException {
    ModelBundle served = served();
    SidecarConfig config = SidecarConfig.of(KafkaConnection.to("localhost:9"), dir.resolve("sidecar")).withDeployment("site")
        .withRecipe(RECIPE).withDevice(Device.cpu());

    SidecarRun.Candidate candidate = new SidecarRun(config, null, null, state -> {})
        .train(siteLabels(), served, "site:1", "test", dir.resolve("run"), new TrainingListener() {});

    var m = candidate.bundle().manifest();
    assertThat(m.classes()).isEqualTo(served.manifest().classes()).containsExactly("siren_horn", "tools", "weather");
    assertThat(m.coarseTaxonomy()).isEqualTo(ManifestBundles.TAXONOMY.coarseOf());
    assertThat(Taxonomy.parse(m.provenance().get(SiteTaxonomy.PROVENANCE_KEY), "candidate")).isEqualTo(ManifestBundles.TAXONOMY);
    assertThat(m.provenance().get("warm_start")).contains("logmel-smallcnn").doesNotContain("new head");
    assertThat(m.provenance().get("site_labels")).contains("banjo=3");
    // the gate: 6 clips of the two labelled classes and 40 negatives, "footsteps" placed as a negative
    assertThat(candidate.gate()).hasSize(46);
    assertThat(candidate.gate().stream().filter(LabelledAudio::negative)).hasSize(40);

    assertThat(candidate.thresholds().calibrated()).isTrue();
    assertThat(candidate.thresholds().negatives()).isEqualTo(40);
    GateScoring.Scores scores = GateScoring.scores(candidate.bundle(), candidate.gate(), m.classes(), TaskType.MULTI_LABEL,
        Device.cpu());
    assertThat(m.thresholds()).isEqualTo(ThresholdCalibration.forFalseAlarmRate(scores.clipScores(), scores.targets(), 0.05))
        .isNotEqualTo(served.manifest().thresholds());
    assertThat(ThresholdCalibration.falseAlarmRate(scores.clipScores(), scores.targets(), m.thresholds())).isLessThanOrEqualTo(0.05);
    assertThat(m.metrics()).containsEntry(CandidateThresholds.TARGET_METRIC, 0.05);

    // false alarms: the 40 negative gate clips at the candidate's thresholds, and, as it rehearses them, the quiet windows
    FalseAlarms falseAlarms = candidate.figures().falseAlarms();
    assertThat(falseAlarms.negatives()).isEqualTo(40 + GateScoring.QUIET_WINDOWS);
    long negativeClipsRaising = Math.round(40 * ThresholdCalibration.falseAlarmRate(scores.clipScores(), scores.targets(), m.thresholds()));
    assertThat(falseAlarms.raised()).isBetween((int) negativeClipsRaising, (int) negativeClipsRaising + GateScoring.QUIET_WINDOWS);
    assertThat(candidate.figures().asMap()).containsEntry("gate_negatives", 140.0);
  }

  @Test
  void everyNegativeRaisesATagAtThresholdZeroAndNoneAboveOne() throws IOException {
    ModelBundle served = served();
    SiteTaxonomy taxonomy = new SiteTaxonomy(ManifestBundles.TAXONOMY, ManifestBundles.TAXONOMY.toJson(),
        ManifestBundles.TAXONOMY.coarseOf());
    List<LabelledAudio> gate = List.of(new LabelledAudio("quiet", sound(0, 1), List.of()),
        new LabelledAudio("siren", sound(1000, 2), List.of("siren_horn")));
    ModelBundle eager = SidecarRun.candidate(served, thresholds(0.0), taxonomy, "");
    ModelBundle mute = SidecarRun.candidate(served, thresholds(1.01), taxonomy, "");

    // one negative clip (the labelled one is no negative) and the quiet windows
    int quiet = GateScoring.QUIET_WINDOWS;
    assertThat(GateScoring.falseAlarms(eager, gate, quiet, Device.cpu())).isEqualTo(new FalseAlarms(1 + quiet, 1 + quiet));
    assertThat(GateScoring.falseAlarms(mute, gate, quiet, Device.cpu())).isEqualTo(new FalseAlarms(1 + quiet, 0));
    assertThat(GateScoring.falseAlarms(eager, gate, 0, Device.cpu())).isEqualTo(new FalseAlarms(1, 1));
  }

  private static CandidateThresholds thresholds(double t) {
    return new CandidateThresholds(List.of(t, t, t), true, 0.05, 40, 0.0, 0.05, "fixed");
  }
}
