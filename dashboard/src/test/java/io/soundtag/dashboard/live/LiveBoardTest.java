package io.soundtag.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.KeyAlgorithm;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.core.release.SigningKey;
import io.soundtag.core.release.TrustedKeys;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.TaggerStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveBoardTest {

  static TagEvent tag(String sensor, long start, List<LabelScore> tags, List<LabelScore> topK, Double laeq) {
    return TagEvent.newBuilder().setSensorId(sensor).setWindowStartMicros(start).setWindowEndMicros(start + 1_000_000)
        .setModelVersion("urban:1").setTags(tags).setTopK(topK).setCoarseTags(List.of()).setLaeqDb(laeq).setProcessingMillis(3.0).build();
  }

  static LabelScore s(String label, double score) {
    return new LabelScore(label, (float) score);
  }

  @Test
  void aCardShowsTheNewestWindowTheLevelHistoryAndTheServingModel() {
    LiveBoard board = new LiveBoard();
    board.onTag(tag("s1", 0, List.of(), List.of(s("siren", 0.2)), -30.0));
    board.onTag(tag("s1", 500_000, List.of(s("siren", 0.9)), List.of(s("siren", 0.9), s("dog_bark", 0.1)), -20.0));
    BoardSnapshot snap = board.snapshot(10_000);
    assertThat(snap.sensors()).hasSize(1);
    SensorCard card = snap.sensors().get(0);
    assertThat(card.latest().tags()).extracting(Score::label).containsExactly("siren");
    assertThat(card.laeqHistory()).containsExactly(-30.0, -20.0);
    assertThat(card.windows()).isEqualTo(2);
    assertThat(snap.servedVersions()).containsEntry("s1", "urban:1");
  }

  @Test
  void livenessCountsChunkGapsAndTheAgeOfTheNewestAudio() {
    LiveBoard board = new LiveBoard();
    board.onChunk("s1", 0, 500_000);
    board.onChunk("s1", 1, 1_000_000);
    board.onChunk("s1", 4, 2_500_000); // 2 and 3 missing
    board.onChunk("s1", 4, 2_500_000); // a duplicate is no gap
    SensorCard card = board.snapshot(3_000).sensors().get(0);
    assertThat(card.gaps()).isEqualTo(2);
    assertThat(card.chunks()).isEqualTo(4);
    assertThat(card.lastChunkAgeMillis()).isEqualTo(3_000 - 2_500);
  }

  @Test
  void deadLettersAreCountedByReasonAndAgainstTheirSensor() {
    LiveBoard board = new LiveBoard();
    board.onChunk("s1", 0, 1);
    for (String reason : List.of("BAD_SAMPLE_RATE", "BAD_SAMPLE_RATE", "UNDECODABLE")) {
      board.onDeadLetter(DeadLetter.newBuilder().setTopic("audio.chunks").setPartition(0).setOffset(1)
          .setOriginalKey(ByteBuffer.wrap("s1".getBytes(StandardCharsets.UTF_8))).setReasonCode(reason)
          .setMessage("m").setFailedAtMillis(1).build());
    }
    BoardSnapshot snap = board.snapshot(0);
    assertThat(snap.deadLettersByReason()).containsEntry("BAD_SAMPLE_RATE", 2L).containsEntry("UNDECODABLE", 1L);
    assertThat(snap.sensors().get(0).deadLetters()).isEqualTo(3);
  }

  @Test
  void anEventsOffsetReplacesItsOpenRecordAndFiltersSelectBySensorAndLabel() {
    LiveBoard board = new LiveBoard();
    board.onEvent(SoundEvent.newBuilder().setSensorId("s1").setLabel("siren").setOnsetMicros(1_000L).setOffsetMicros(null).setPeakScore(0.8f).setModelVersion("urban:1").build());
    board.onEvent(SoundEvent.newBuilder().setSensorId("s2").setLabel("dog_bark").setOnsetMicros(2_000L).setOffsetMicros(3_000L).setPeakScore(0.7f).setModelVersion("urban:1").build());
    board.onEvent(SoundEvent.newBuilder().setSensorId("s1").setLabel("siren").setOnsetMicros(1_000L).setOffsetMicros(9_000L).setPeakScore(0.95f).setModelVersion("urban:1").build());
    List<EventView> all = board.events(null, null, -1, 10);
    assertThat(all).hasSize(2);
    assertThat(all.get(0).offsetMicros()).isEqualTo(9_000L);
    assertThat(board.events("s2", null, -1, 10)).extracting(EventView::label).containsExactly("dog_bark");
    assertThat(board.events(null, "siren", -1, 10)).extracting(EventView::sensorId).containsExactly("s1");
    assertThat(board.events(null, null, all.get(0).seq(), 10)).isEmpty();
  }

  @Test
  void windowsPerSensorAreBounded() {
    LiveBoard board = new LiveBoard();
    for (int i = 0; i < LiveBoard.WINDOWS_PER_SENSOR + 10; i++) {
      board.onTag(tag("s1", i * 500_000L, List.of(), List.of(), null));
    }
    assertThat(board.windows("s1")).hasSize(LiveBoard.WINDOWS_PER_SENSOR);
    assertThat(board.windows("s1").get(0).startMicros()).isEqualTo(10 * 500_000L);
    assertThat(board.snapshot(0).sensors().get(0).laeqHistory()).hasSize(LiveBoard.SPARKLINE_WINDOWS);
  }

  static ModelRelease release(long number, ReleaseDecision decision) {
    return ModelRelease.newBuilder().setModelName("urban-sounds").setVersion("v" + number).setParentVersion(null)
        .setBundle(ByteBuffer.wrap(new byte[] {1, 2, 3})).setSha256("00").setFeatureConfigJson("{}")
        .setClasses(List.of("siren")).setGateMetrics(Map.of("macro_map", 0.8)).setCreatedAtMillis(number)
        .setRecipe("train").setDeployment("urban").setRelease(number).setParentRelease(number > 1 ? number - 1 : null)
        .setDecision(decision).setParentGateMetrics(Map.of()).setCreatedBy("sidecar").build();
  }

  @Test
  void releasesAreListedNewestFirstWithTheServableOneMarkedCurrent() {
    LiveBoard board = new LiveBoard();
    board.onRelease(release(1, ReleaseDecision.PUBLISHED));
    board.onRelease(release(2, ReleaseDecision.PROMOTED));
    board.onRelease(release(3, ReleaseDecision.REFUSED));
    List<ReleaseView> r = board.snapshot(0).releases();
    assertThat(r).extracting(ReleaseView::release).containsExactly(3L, 2L, 1L);
    assertThat(r).extracting(ReleaseView::current).containsExactly(false, true, false);
    assertThat(r.get(1).modelId()).isEqualTo("urban:2");
    assertThat(r.get(1).bundle()).isEqualTo("urban-sounds:v2");
    assertThat(r.get(1).bundleBytes()).isEqualTo(3);
  }

  @Test
  void aReleaseWhoseSignatureTheTaggersWouldRefuseIsShownRefusedAndNeverCurrent() {
    SigningKey publisher = SigningKey.generate(KeyAlgorithm.ED25519);
    LiveBoard board = new LiveBoard(SignaturePolicy.require(TrustedKeys.of(publisher.publicKey())));
    byte[] bytes = {1, 2, 3};
    ModelRelease signed = release(1, ReleaseDecision.PUBLISHED);
    signed.setSha256(ModelBundle.sha256(bytes));
    signed.setSignature(publisher.sign(bytes));
    ModelRelease unsigned = release(2, ReleaseDecision.PUBLISHED);
    unsigned.setSha256(ModelBundle.sha256(bytes));
    ModelRelease forged = release(3, ReleaseDecision.PUBLISHED);
    forged.setSha256(ModelBundle.sha256(bytes));
    forged.setSignature(SigningKey.generate(KeyAlgorithm.ED25519).sign(bytes));

    board.onRelease(signed);
    board.onRelease(unsigned);
    board.onRelease(forged);

    List<ReleaseView> r = board.snapshot(0).releases();
    assertThat(r).extracting(ReleaseView::release).containsExactly(3L, 2L, 1L);
    assertThat(r).extracting(ReleaseView::current).containsExactly(false, false, true);
    assertThat(r.get(2).signature()).isEqualTo("signed by key " + publisher.keyId());
    assertThat(r.get(1).signature()).startsWith("UNSIGNED: ");
    assertThat(r.get(0).signature()).startsWith("UNTRUSTED_KEY: ");
    assertThat(board.snapshot(0).skippedRecords()).containsEntry("release-unsigned", 1L).containsEntry("release-untrusted_key", 1L);
  }

  @Test
  void theLatestHeartbeatOfEachTaggerIsKept() {
    LiveBoard board = new LiveBoard();
    for (long beat : new long[] {1, 2}) {
      board.onStatus(TaggerStatus.newBuilder().setInstanceId("t1").setApplicationId("app").setDeployment("urban")
          .setServedModelId("urban:" + beat).setServedRelease(beat).setSampleRate(16000).setWindowSamples(16000)
          .setHopSamples(8000).setClasses(List.of("siren")).setStreamState("RUNNING").setTasks(List.of("0_0"))
          .setHeartbeatMillis(beat).setStartedAtMillis(0).setSwaps(beat - 1).setRefusals(0).build());
    }
    assertThat(board.snapshot(0).taggers()).singleElement().satisfies(t -> {
      assertThat(t.servedModelId()).isEqualTo("urban:2");
      assertThat(t.swaps()).isEqualTo(1);
    });
  }

  @Test
  void theLowestTaggedScoreBoundsEachLabelsThreshold() {
    LiveBoard board = new LiveBoard();
    board.onTag(tag("s1", 0, List.of(s("siren", 0.7)), List.of(s("siren", 0.7)), null));
    board.onTag(tag("s1", 1, List.of(s("siren", 0.55)), List.of(s("siren", 0.55)), null));
    assertThat(board.lowestTaggedScores().get("siren")).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-6));
  }
}
