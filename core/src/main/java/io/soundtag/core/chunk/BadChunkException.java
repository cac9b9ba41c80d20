package io.soundtag.core.chunk;

/** A chunk that cannot be used, with the problem and a one-line message an operator can act on. */
public final class BadChunkException extends Exception {

  private final ChunkProblem problem;

  public BadChunkException(ChunkProblem problem, String message) {
    super(message, null, false, false);
    this.problem = problem;
  }

  public ChunkProblem problem() {
    return problem;
  }
}
