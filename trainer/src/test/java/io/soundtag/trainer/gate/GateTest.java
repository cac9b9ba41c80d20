package io.soundtag.trainer.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.schemas.SplitHint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate, rule by rule. */
class GateTest {

  private final Gate gate = new Gate(new GateRules(0.02, 5, 0.10, 0.05));

  private static GateFigures figures(String model, double primary, Map<String, Double> ap) {
    return new GateFigures(model, "micro_auprc", primary, 40, ap);
  }

  @Test
  void aCandidateBetterByTheMarginIsPromoted() {
    GateDecision d = gate.decide(figures("candidate", 0.80, Map.of("siren", 0.9)), figures("urban:1", 0.75, Map.of("siren", 0.85)),
        Map.of("siren", 10));
    assertThat(d.promote()).as(d.summary()).isTrue();
    assertThat(d.reasons()).isEmpty();
    assertThat(d.gain()).isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(d.summary()).startsWith("PROMOTED");
  }

  @Test
  void aGainBelowTheMarginIsRefused() {
    GateDecision d = gate.decide(figures("candidate", 0.76, Map.of()), figures("urban:1", 0.75, Map.of()), Map.of());
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString().contains("does not beat urban:1 by the required 0.020");
  }

  @Test
  void withNoMarginATieIsStillRefused() {
    Gate lenient = new Gate(new GateRules(0, 5, 0.1, 0.05));
    assertThat(lenient.decide(figures("candidate", 0.75, Map.of()), figures("urban:1", 0.75, Map.of()), Map.of()).promote()).isFalse();
    assertThat(lenient.decide(figures("candidate", 0.7501, Map.of()), figures("urban:1", 0.75, Map.of()), Map.of()).promote()).isTrue();
  }

  @Test
  void aWellSupportedClassThatCollapsesBlocksPromotionEvenWithAGain() {
    GateDecision d = gate.decide(figures("candidate", 0.90, Map.of("siren", 0.95, "gunshot", 0.60)),
        figures("urban:1", 0.70, Map.of("siren", 0.50, "gunshot", 0.80)), Map.of("siren", 10, "gunshot", 6));
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString().contains("class gunshot (6 gate clips) drops from AP 0.800 to 0.600");
  }

  @Test
  void aClassWithTooFewGateClipsIsNotWatched() {
    GateDecision d = gate.decide(figures("candidate", 0.90, Map.of("gunshot", 0.10)), figures("urban:1", 0.70, Map.of("gunshot", 0.90)),
        Map.of("gunshot", 4));
    assertThat(d.promote()).as(d.summary()).isTrue();
  }

  @Test
  void aDropOfExactlyTheAllowanceIsAllowedAndAClassTheCandidateLostCountsAsZero() {
    assertThat(gate.decide(figures("candidate", 0.9, Map.of("dog", 0.75)), figures("urban:1", 0.7, Map.of("dog", 0.85)),
        Map.of("dog", 5)).promote()).isTrue();
    GateDecision lost = gate.decide(figures("candidate", 0.9, Map.of()), figures("urban:1", 0.7, Map.of("dog", 0.5)), Map.of("dog", 5));
    assertThat(lost.promote()).isFalse();
    assertThat(lost.reasons()).singleElement().asString().contains("to 0.000");
  }

  @Test
  void aNewClassTheServedModelDoesNotKnowCannotDrop() {
    Map<String, Double> served = new LinkedHashMap<>();
    served.put("siren", 0.8);
    served.put("whistle", Double.NaN);
    GateDecision d = gate.decide(figures("candidate", 0.85, Map.of("siren", 0.8, "whistle", 0.1)), figures("urban:1", 0.8, served),
        Map.of("siren", 9, "whistle", 9));
    assertThat(d.promote()).as(d.summary()).isTrue();
  }

  @Test
  void aCandidateThatTagsTheQuietStreetIsRefusedDespiteItsGain() {
    GateFigures served = figures("urban:1", 0.70, Map.of()).withFalseAlarms(new FalseAlarms(110, 2));
    GateDecision d = gate.decide(figures("candidate", 0.90, Map.of()).withFalseAlarms(new FalseAlarms(110, 55)), served, Map.of());
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons()).singleElement().asString()
        .contains("raises a tag on 55 of 110 negatives (50.0 %) where urban:1 raises 2 (1.8 %)");
  }

  @Test
  void falseAlarmsMayRiseByTheAllowanceAndCountOnlyWhenBothAreMeasured() {
    GateFigures served = figures("urban:1", 0.70, Map.of()).withFalseAlarms(new FalseAlarms(100, 10));
    GateDecision within = gate.decide(figures("candidate", 0.9, Map.of()).withFalseAlarms(new FalseAlarms(100, 15)), served, Map.of());
    assertThat(within.promote()).isTrue();
    assertThat(within.summary()).endsWith("+0.200; false alarms 15.0 % vs 10.0 % of 100 negatives");
    assertThat(gate.decide(figures("candidate", 0.9, Map.of()).withFalseAlarms(new FalseAlarms(100, 16)), served, Map.of()).promote())
        .isFalse();
    // too few negatives to tell a rise from chance, and a chance baseline measures none: nothing to rise above
    assertThat(gate.decide(figures("candidate", 0.9, Map.of()).withFalseAlarms(new FalseAlarms(FalseAlarms.MIN_NEGATIVES - 1, 10)),
        figures("urban:1", 0.7, Map.of()).withFalseAlarms(new FalseAlarms(FalseAlarms.MIN_NEGATIVES - 1, 0)), Map.of()).promote()).isTrue();
    assertThat(gate.decide(figures("candidate", 0.9, Map.of()).withFalseAlarms(new FalseAlarms(100, 90)), figures("chance", 0.5, Map.of()),
        Map.of()).promote()).isTrue();
    Gate off = new Gate(new GateRules(0.02, 5, 0.10, 1));
    assertThat(off.decide(figures("candidate", 0.9, Map.of()).withFalseAlarms(new FalseAlarms(100, 100)), served, Map.of()).promote())
        .isTrue();
  }

  @Test
  void theReleaseRecordsTheFalseAlarmsOnlyWhenMeasured() {
    assertThat(figures("candidate", 0.9, Map.of()).asMap()).doesNotContainKeys("false_alarm_rate", "gate_negatives");
    assertThat(figures("candidate", 0.9, Map.of()).withFalseAlarms(new FalseAlarms(8, 2)).asMap())
        .containsEntry("false_alarm_rate", 0.25).containsEntry("gate_negatives", 8.0);
    assertThatThrownBy(() -> new FalseAlarms(2, 3)).hasMessageContaining("raised <= negatives");
  }

  @Test
  void noScorableGateClipsRefuses() {
    GateDecision d = gate.decide(new GateFigures("candidate", "accuracy", Double.NaN, 0, Map.of()),
        new GateFigures("chance", "accuracy", Double.NaN, 0, Map.of()), Map.of());
    assertThat(d.promote()).isFalse();
    assertThat(d.reasons().get(0)).contains("no gate clip");
  }

  @Test
  void figuresOfDifferentMetricsAreNotCompared() {
    assertThatThrownBy(() -> gate.decide(new GateFigures("candidate", "accuracy", 0.9, 3, Map.of()), figures("s", 0.5, Map.of()),
        Map.of())).hasMessageContaining("same gate set");
  }

  @Test
  void theChanceBaselineIsTheMajorityShareAndThePrevalence() {
    float[][] targets = {{1, 0}, {1, 0}, {1, 0}, {0, 1}};
    GateFigures single = GateBaseline.chance(TaskType.SINGLE_LABEL, List.of("a", "b"), targets);
    assertThat(single.metric()).isEqualTo("accuracy");
    assertThat(single.primary()).isEqualTo(0.75);
    assertThat(single.perClassAp()).containsEntry("a", 0.75).containsEntry("b", 0.25);
    GateFigures multi = GateBaseline.chance(TaskType.MULTI_LABEL, List.of("a", "b"), targets);
    assertThat(multi.metric()).isEqualTo("micro_auprc");
    assertThat(multi.asMap()).containsKeys("micro_auprc", "gate_clips", "ap.a", "ap.b");
  }

  private record Clip(String id, SplitHint hint) {}

  @Test
  void hintedGateClipsAreTheGateSetAndNothingElse() {
    List<Clip> clips = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      clips.add(new Clip("c" + i, i % 10 == 0 ? SplitHint.GATE : i % 10 == 1 ? SplitHint.TRAIN : SplitHint.ANY));
    }
    GateSplit<Clip> s = GateSplit.of(clips, Clip::id, Clip::hint, 20, 10);
    assertThat(s.gate()).hasSize(20).allMatch(c -> c.hint() == SplitHint.GATE);
    assertThat(s.train()).noneMatch(c -> c.hint() == SplitHint.GATE);
    assertThat(s.validation()).noneMatch(c -> c.hint() == SplitHint.GATE);
    assertThat(s.train().size() + s.validation().size()).isEqualTo(180);
  }

  @Test
  void withoutHintsTheGateSetIsAStableHashShareThatAddingClipsDoesNotMove() {
    List<Clip> clips = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      clips.add(new Clip("clip-" + i, i < 30 ? SplitHint.TRAIN : SplitHint.ANY));
    }
    GateSplit<Clip> s = GateSplit.of(clips, Clip::id, Clip::hint, 20, 10);
    assertThat(s.gate().size()).isBetween(35, 75);
    assertThat(s.gate()).noneMatch(c -> c.hint() == SplitHint.TRAIN);
    assertThat(s.validation().size()).isBetween(10, 50);
    assertThat(s.gate().size() + s.train().size() + s.validation().size()).isEqualTo(300);

    List<Clip> more = new ArrayList<>(clips);
    for (int i = 300; i < 400; i++) {
      more.add(new Clip("clip-" + i, SplitHint.ANY));
    }
    GateSplit<Clip> later = GateSplit.of(more, Clip::id, Clip::hint, 20, 10);
    assertThat(later.gate()).containsAll(s.gate());
    assertThat(later.train()).containsAll(s.train());
  }

  @Test
  void theShadowRunCountsTagRatesAndAgreement() {
    List<String> classes = List.of("siren", "gunshot", "whistle");
    float[][] candidate = {{0.9f, 0.9f, 0.1f}, {0.1f, 0.9f, 0.9f}, {0.1f, 0.9f, 0.1f}, {0.1f, 0.1f, 0.1f}};
    List<String> servedClasses = List.of("gunshot", "siren");
    float[][] served = {{0.9f, 0.9f}, {0.1f, 0.1f}, {0.1f, 0.1f}, {0.1f, 0.1f}};
    ShadowComparison s = ShadowComparison.of(classes, candidate, List.of(0.5, 0.5, 0.5), servedClasses, served, List.of(0.5, 0.5));

    assertThat(s.windows()).isEqualTo(4);
    assertThat(s.candidateRate()).containsEntry("siren", 0.25).containsEntry("gunshot", 0.75).containsEntry("whistle", 0.25);
    assertThat(s.servedRate()).containsEntry("siren", 0.25).containsEntry("gunshot", 0.25);
    assertThat(s.servedRate().get("whistle")).isNaN();
    assertThat(s.agreement()).isEqualTo(0.5); // windows 0 and 3
    assertThat(s.notableChanges()).anyMatch(l -> l.startsWith("gunshot: candidate 3.0× the served rate"))
        .anyMatch(l -> l.startsWith("whistle: new class"));
    assertThat(s.servedMap()).doesNotContainKey("shadow_rate.whistle").containsEntry("shadow_agreement", 0.5);
  }
}
