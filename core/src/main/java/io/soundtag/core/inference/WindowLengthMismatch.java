package io.soundtag.core.inference;

/**
 * A window handed to {@link InferenceSession#score} whose length is not the model's window: a
 * caller's bug (windows are cut, or fitted, to the model they are scored with), not a fault of the
 * input or the model.
 */
public final class WindowLengthMismatch extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  WindowLengthMismatch(String message) {
    super(message);
  }
}
