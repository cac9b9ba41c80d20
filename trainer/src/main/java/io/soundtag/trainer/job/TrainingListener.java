package io.soundtag.trainer.job;

import io.soundtag.trainer.report.TrainingProgress;
import java.io.PrintWriter;

/**
 * What a running {@link TrainingJob} tells its caller: notes, the number of optimiser steps ahead,
 * and each step's loss. Called on the training thread; keep it quick.
 */
public interface TrainingListener {

  /** A line worth showing (a skipped row, a warm start, what is being rendered). */
  default void note(String line) {}

  /** Training starts; {@code totalSteps} optimiser steps follow. */
  default void started(String task, long totalSteps) {}

  /** One optimiser step done with this batch loss. */
  default void step(double loss) {}

  /** Training finished or stopped. */
  default void finished() {}

  /** Notes as lines on {@code notes}, steps on a progress bar (loss and ETA) on standard error. */
  static TrainingListener console(PrintWriter notes) {
    return new TrainingListener() {
      private TrainingProgress bar;

      @Override
      public void note(String line) {
        notes.println(line);
        notes.flush();
      }

      @Override
      public void started(String task, long totalSteps) {
        bar = TrainingProgress.start(task, totalSteps);
      }

      @Override
      public void step(double loss) {
        if (bar != null) {
          bar.step(loss);
        }
      }

      @Override
      public void finished() {
        if (bar != null) {
          bar.close();
          bar = null;
        }
      }
    };
  }
}
