package io.soundtag.dashboard.alerts;

/** Somewhere alerts are sent: one attempt per call, retried by {@link Delivery}. */
public interface AlertSink extends AutoCloseable {

  /** A short name for logs and the dead-letter file, e.g. {@code webhook}. */
  String name();

  /**
   * Sends one alert once.
   *
   * @throws Exception when this attempt failed; it may be retried
   */
  void send(Alert alert) throws Exception;

  @Override
  default void close() throws Exception {}
}
