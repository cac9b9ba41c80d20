package io.soundtag.trainer.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The promotion rule, pure: a candidate replaces the served model only if its primary metric on
 * the gate set beats the served model's by at least {@link GateRules#minGain} (and by more than
 * nothing), and no class with at least {@link GateRules#minClassClips} gate clips loses more than
 * {@link GateRules#maxClassDrop} AP. Classes the served model does not know cannot drop. When
 * both models' false alarms were measured on at least {@link FalseAlarms#MIN_NEGATIVES} negatives, the
 * candidate's share may be at most {@link GateRules#maxFalseAlarmRise} above the served model's: a
 * gain on a few labelled clips does not buy a model that tags the quiet street.
 *
 * <pre>{@code
 * GateDecision d = new Gate(GateRules.defaults()).decide(candidateFigures, servedFigures, gateClipsPerClass);
 * }</pre>
 */
public final class Gate {

  private final GateRules rules;

  public Gate(GateRules rules) {
    this.rules = rules;
  }

  /**
   * @param candidate the candidate's figures on the gate set
   * @param served the served model's on the same set (or {@link GateBaseline#chance} when nothing
   *     is served)
   * @param gateClips gate clips per class (a clip counts once for each of its labels)
   */
  public GateDecision decide(GateFigures candidate, GateFigures served, Map<String, Integer> gateClips) {
    if (!candidate.metric().equals(served.metric())) {
      throw new IllegalArgumentException("the candidate is measured by " + candidate.metric() + " but the served model by "
          + served.metric() + "; both must be scored on the same gate set for the same task");
    }
    List<String> reasons = new ArrayList<>();
    double gain = candidate.primary() - served.primary();
    if (candidate.clips() == 0 || !Double.isFinite(candidate.primary())) {
      reasons.add("no gate clip could be scored (label clips with --split gate, or more clips)");
    } else if (!Double.isFinite(served.primary())) {
      reasons.add(served.model() + " could not be scored on the gate set");
    } else if (!(gain > 0) || gain < rules.minGain()) {
      reasons.add(String.format(Locale.ROOT, "%s %+.3f does not beat %s by the required %.3f", candidate.metric(), gain,
          served.model(), rules.minGain()));
    }
    served.perClassAp().forEach((cls, before) -> {
      Double after = candidate.perClassAp().get(cls);
      int clips = gateClips.getOrDefault(cls, 0);
      if (clips < rules.minClassClips() || !Double.isFinite(before)) {
        return;
      }
      double now = after == null || !Double.isFinite(after) ? 0 : after;
      if (before - now > rules.maxClassDrop()) {
        reasons.add(String.format(Locale.ROOT, "class %s (%d gate clips) drops from AP %.3f to %.3f, more than %.3f", cls, clips,
            before, now, rules.maxClassDrop()));
      }
    });
    FalseAlarms now = candidate.falseAlarms();
    FalseAlarms before = served.falseAlarms();
    if (now.comparableWith(before) && now.share() - before.share() > rules.maxFalseAlarmRise()) {
      reasons.add(String.format(Locale.ROOT, "raises a tag on %d of %d negatives (%.1f %%) where %s raises %d (%.1f %%), a rise of more than"
          + " %.1f points", now.raised(), now.negatives(), 100 * now.share(), served.model(), before.raised(), 100 * before.share(),
          100 * rules.maxFalseAlarmRise()));
    }
    return new GateDecision(reasons.isEmpty(), candidate, served, gain, reasons);
  }
}
