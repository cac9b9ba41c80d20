package io.soundtag.trainer.gate;

import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.dataset.HashSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which labelled clips the gate scores and which ones training sees; no clip is in both.
 *
 * <ul>
 *   <li>When some clip has the split hint {@code gate}, those clips are the gate set, and every
 *       other clip may be trained on.
 *   <li>Otherwise the gate set is a deterministic hash split of the clips without a hint: clip id
 *       bucket ({@link HashSplit#bucketOf}) below {@code gatePercent}. The same clip lands on the
 *       same side on every machine and every run, and new clips never move old ones.
 *   <li>Clips hinted {@code train} are never gate clips.
 * </ul>
 * Of the clips training may use, those whose bucket of {@code id + "/validation"} is below
 * {@code validationPercent} validate (learning curves, per-class thresholds) and the rest train.
 *
 * @param gate clips the gate scores
 * @param train clips the network learns from
 * @param validation clips for curves and thresholds, never learnt from
 * @param <T> the clip type
 */
public record GateSplit<T>(List<T> gate, List<T> train, List<T> validation) {

  public GateSplit {
    gate = List.copyOf(gate);
    train = List.copyOf(train);
    validation = List.copyOf(validation);
  }

  /**
   * Splits {@code clips}.
   *
   * @param id a clip's stable id (its content hash)
   * @param hint a clip's split hint
   */
  public static <T> GateSplit<T> of(List<T> clips, Function<T, String> id, Function<T, SplitHint> hint, int gatePercent,
      int validationPercent) {
    if (gatePercent < 1 || validationPercent < 0 || gatePercent + validationPercent > 90) {
      throw new IllegalArgumentException("the gate share (" + gatePercent + " %) must be at least 1 % and, with the validation share ("
          + validationPercent + " %), leave at least 10 % to train on");
    }
    boolean hinted = clips.stream().anyMatch(c -> hint.apply(c) == SplitHint.GATE);
    List<T> gate = new ArrayList<>();
    List<T> train = new ArrayList<>();
    List<T> validation = new ArrayList<>();
    for (T clip : clips) {
      SplitHint h = hint.apply(clip);
      boolean toGate = hinted ? h == SplitHint.GATE : h != SplitHint.TRAIN && HashSplit.bucketOf(id.apply(clip)) < gatePercent;
      if (toGate) {
        gate.add(clip);
      } else if (HashSplit.bucketOf(id.apply(clip) + "/validation") < validationPercent) {
        validation.add(clip);
      } else {
        train.add(clip);
      }
    }
    return new GateSplit<>(gate, train, validation);
  }
}
