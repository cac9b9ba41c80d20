package io.soundtag.dashboard.review;

/** What a reviewer said about a window or an event. */
public enum ReviewKind {
  /** The model was right: the labels are the ones it gave. */
  CONFIRM,
  /** The model was wrong about which sounds: the labels are the reviewer's pick. */
  CORRECT,
  /** Nothing the model named is there: a negative clip for those labels. */
  FALSE_POSITIVE,
  /** A sound the model has no class for: the label is a new one. */
  NEW_CLASS
}
