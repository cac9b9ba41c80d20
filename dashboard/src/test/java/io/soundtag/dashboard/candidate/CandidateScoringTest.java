package io.soundtag.dashboard.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.dashboard.audio.SensorAudio;
import io.soundtag.dashboard.live.LiveBoard;
import io.soundtag.dashboard.live.Score;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.TagEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateScoringTest {

  static final long T0 = 1_767_268_800_000_000L;
  static final long SPACING = 5_000_000L; // windows of different sounds: none is merged with the one before

  /** Audio that differs from window to window: a tone of its own pitch and level over noise, drawn from the span's start. */
  static final SensorAudio AUDIO = (sensor, from, to) -> {
    Random r = new Random(from ^ sensor.hashCode());
    int n = (int) ((to - from) * TinyBundles.RATE / 1_000_000L);
    double f = 100 + r.nextDouble() * 3000;
    double tone = Math.pow(10, -r.nextDouble() * 3);
    double noise = Math.pow(10, -r.nextDouble() * 3);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (tone * Math.sin(2 * Math.PI * f * i / TinyBundles.RATE) + noise * r.nextGaussian());
    }
    return new SensorAudio.Clip(new MonoAudio(x, TinyBundles.RATE), from);
  };

  static ModelRelease release(ModelBundle b, long number, ReleaseDecision decision) {
    return ReleaseEnvelope.seal(b.toBytes(), ReleaseLineage.published("tiny", "test").withDecision(decision), number,
        number > 1 ? number - 1 : null);
  }

  static float[] score(ServingModel model, String sensor, long from) throws Exception {
    try (InferenceSession s = model.newSession()) {
      return s.score(List.of(AUDIO.read(sensor, from, from + 500_000).audio().samples()))[0];
    }
  }

  static int top(float[] scores) {
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      best = scores[c] > scores[best] ? c : best;
    }
    return best;
  }

  @Test
  void queuesTheWindowsWhereTheRefusedCandidateAndTheServedModelNameDifferentTopLabels() throws Exception {
    ModelBundle servedBundle = TinyBundles.bundle("1", 7);
    ModelBundle candidateBundle = TinyBundles.bundle("2", 11);
    CandidateReleases releases = new CandidateReleases();
    releases.onRelease(release(servedBundle, 1, ReleaseDecision.PUBLISHED));
    releases.onRelease(release(candidateBundle, 2, ReleaseDecision.REFUSED));
    LiveBoard board = new LiveBoard();
    int windows = 40;
    List<Long> expected = new ArrayList<>();
    List<float[]> candidateScores = new ArrayList<>();
    CandidateScoring scoring = new CandidateScoring(board, releases, AUDIO, 2);
    try (ServingModel served = ServingModel.load(servedBundle, ServingMode.STUDENT);
        ServingModel candidate = ServingModel.load(candidateBundle, ServingMode.STUDENT)) {
      for (int i = 0; i < windows; i++) {
        long start = T0 + i * SPACING;
        float[] a = score(served, "s1", start);
        float[] b = score(candidate, "s1", start);
        List<LabelScore> topK = new ArrayList<>();
        List<LabelScore> tags = new ArrayList<>();
        for (int c = 0; c < a.length; c++) {
          topK.add(new LabelScore(TinyBundles.CLASSES.get(c), a[c]));
          if (a[c] >= 0.5) {
            tags.add(new LabelScore(TinyBundles.CLASSES.get(c), a[c]));
          }
        }
        topK.sort(Comparator.comparingDouble(LabelScore::getScore).reversed());
        board.onTag(TagEvent.newBuilder().setSensorId("s1").setWindowStartMicros(start).setWindowEndMicros(start + 500_000)
            .setModelVersion("tiny:1").setTags(tags).setTopK(topK).setCoarseTags(List.of()).setLaeqDb(null).setProcessingMillis(1.0).build());
        assertThat(scoring.step(start + 600_000)).as("window %d is scored", i).isTrue();
        assertThat(scoring.step(start + 600_000)).as("and only once").isFalse();
        if (top(a) != top(b) && (!tags.isEmpty() || b[top(b)] >= 0.5)) {
          expected.add(start);
          candidateScores.add(b);
        }
      }
    } finally {
      scoring.close();
    }
    assertThat(scoring.scored()).isEqualTo(windows);
    assertThat(expected).as("the two random networks disagree on some windows, not all").isNotEmpty().hasSizeLessThan(windows);
    List<Disagreement> found = scoring.disagreements(CandidateScoring.KEPT);
    List<Long> newestFirst = new ArrayList<>(expected);
    Collections.reverse(newestFirst);
    assertThat(found).extracting(Disagreement::startMicros).containsExactlyElementsOf(newestFirst);
    for (int i = 0; i < expected.size(); i++) {
      Disagreement d = found.get(found.size() - 1 - i);
      assertThat(d.servedModel()).isEqualTo("tiny:1");
      assertThat(d.candidateModel()).isEqualTo("tiny:2");
      assertThat(d.candidateDecision()).isEqualTo("REFUSED");
      assertThat(d.servedTop()).isNotEqualTo(d.candidateTop());
      for (Score s : d.candidateScores()) {
        assertThat(s.score()).as("the candidate scored the window's own audio")
            .isCloseTo(candidateScores.get(i)[TinyBundles.CLASSES.indexOf(s.label())], within(1e-5));
      }
    }
  }

  @Test
  void theCandidateIsTheNewestReleaseOfTheDeploymentWhenItIsNotTheServedOne() {
    ModelBundle b = TinyBundles.bundle("1", 7);
    CandidateReleases releases = new CandidateReleases();
    assertThat(releases.candidateFor("tiny:1")).isEmpty();
    releases.onRelease(release(b, 1, ReleaseDecision.PUBLISHED));
    assertThat(releases.candidateFor("tiny:1")).as("the served release is no candidate").isEmpty();
    assertThat(releases.candidateFor("tiny:dev")).as("a model served from a file has the releases as candidates").isPresent();
    releases.onRelease(release(b, 3, ReleaseDecision.REFUSED));
    releases.onRelease(release(b, 2, ReleaseDecision.PROMOTED)); // read late: older than the newest
    assertThat(releases.candidateFor("tiny:1")).get().extracting(ModelRelease::getRelease).isEqualTo(3L);
    assertThat(releases.candidateFor("tiny:2")).get().extracting(ModelRelease::getRelease).isEqualTo(3L);
    assertThat(releases.candidateFor("tiny:3")).isEmpty();
    assertThat(releases.candidateFor("tiny:4")).as("a tagger ahead of what this dashboard read").isEmpty();
    assertThat(releases.candidateFor("other:1")).isEmpty();
    assertThat(releases.candidateFor("not an id")).isEmpty();
  }

  @Test
  void withoutACandidateNothingIsScored() {
    LiveBoard board = new LiveBoard();
    board.onTag(TagEvent.newBuilder().setSensorId("s1").setWindowStartMicros(T0).setWindowEndMicros(T0 + 500_000)
        .setModelVersion("tiny:1").setTags(List.of()).setTopK(List.of(new LabelScore("rain", 0.2f))).setCoarseTags(List.of()).setLaeqDb(null)
        .setProcessingMillis(1.0).build());
    CandidateScoring scoring = new CandidateScoring(board, new CandidateReleases(), AUDIO, 2);
    assertThat(scoring.step(T0 + 600_000)).isFalse();
    assertThat(scoring.scored()).isZero();
    scoring.close();
  }
}
