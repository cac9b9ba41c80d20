package io.soundtag.trainer.gate;

import java.util.List;
import java.util.Locale;

/**
 * What the gate decided, and why.
 *
 * @param promote whether the candidate replaces the served model
 * @param candidate the candidate's figures on the gate set
 * @param served the figures it was compared with: the served model's, or a chance baseline when
 *     nothing is served yet
 * @param gain candidate primary metric minus the served one's
 * @param reasons one line per rule that failed; empty when promoted
 */
public record GateDecision(boolean promote, GateFigures candidate, GateFigures served, double gain, List<String> reasons) {

  public GateDecision {
    reasons = List.copyOf(reasons);
  }

  /**
   * One line, e.g. {@code PROMOTED: micro_auprc 0.812 vs 0.744 (urban-sounds:3), +0.068; false alarms
   * 2.0 % vs 4.0 % of 140 negatives} (the false alarms when both were measured on enough negatives
   * for the gate's rule).
   */
  public String summary() {
    FalseAlarms now = candidate.falseAlarms();
    FalseAlarms before = served.falseAlarms();
    String falseAlarms = now.comparableWith(before)
        ? String.format(Locale.ROOT, "; false alarms %.1f %% vs %.1f %% of %d negatives", 100 * now.share(), 100 * before.share(),
            now.negatives())
        : "";
    return String.format(Locale.ROOT, "%s: %s %.3f vs %.3f (%s), %+.3f%s%s", promote ? "PROMOTED" : "REFUSED", candidate.metric(),
        candidate.primary(), served.primary(), served.model(), gain, falseAlarms,
        reasons.isEmpty() ? "" : "; " + String.join("; ", reasons));
  }
}
