package io.soundtag.dashboard;

import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.schemas.topic.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the dashboard.
 *
 * @param kafka the cluster to read from and write reviews to
 * @param bindAddress the address to listen on; {@code 127.0.0.1} keeps it on this machine
 * @param port the port; 0 picks a free one
 * @param token the write token, or null to read it from {@code tokenFile} (made on first start)
 * @param tokenFile where the write token is kept when {@code token} is null
 * @param readOnly refuse every write (reviews)
 * @param serveAudio serve audio and spectrograms; false for privacy
 * @param history how far back tags, events and dead letters are read at start
 * @param candidateWindowsPerSecond recent windows scored per second by the last candidate model for
 *     the review queue (active learning); 0 turns it off
 * @param signatures which release signatures count: a release the taggers would refuse for its signature is shown refused, never current
 */
public record DashboardConfig(KafkaConnection kafka, String bindAddress, int port, String token, Path tokenFile,
    boolean readOnly, boolean serveAudio, Duration history, double candidateWindowsPerSecond, SignaturePolicy signatures) {

  /** The default port. */
  public static final int DEFAULT_PORT = 8090;

  /** Validates every setting; the message says what to fix. */
  public DashboardConfig {
    if (kafka == null) {
      throw new IllegalArgumentException("the dashboard needs a Kafka connection");
    }
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("give an address to bind, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (all)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (token != null && (token.length() < 16 || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
      throw new IllegalArgumentException("the token must be at least 16 printable ASCII characters without spaces");
    }
    if (token == null && tokenFile == null) {
      throw new IllegalArgumentException("give a token or a token file");
    }
    if (signatures == null) {
      throw new IllegalArgumentException("give a signature policy, e.g. SignaturePolicy.NONE");
    }
    if (history == null || history.isNegative()) {
      throw new IllegalArgumentException("history must be zero or positive");
    }
    if (!(candidateWindowsPerSecond >= 0 && candidateWindowsPerSecond <= 50)) {
      throw new IllegalArgumentException("candidate windows per second must be 0 (off) to 50, got " + candidateWindowsPerSecond);
    }
  }

  /** Windows a second the candidate scores by default: a few, so it costs little CPU. */
  public static final double DEFAULT_CANDIDATE_WINDOWS_PER_SECOND = 2;

  /**
   * 127.0.0.1:8090, token in {@code ~/.soundtag/dashboard.token}, writes and audio on, 10 minutes of
   * history, the candidate scoring 2 windows a second.
   */
  public static DashboardConfig defaults(KafkaConnection kafka) {
    return new DashboardConfig(kafka, "127.0.0.1", DEFAULT_PORT, null, defaultTokenFile(), false, true,
        Duration.ofMinutes(10), DEFAULT_CANDIDATE_WINDOWS_PER_SECOND, SignaturePolicy.NONE);
  }

  /** {@code ~/.soundtag/dashboard.token}. */
  public static Path defaultTokenFile() {
    return Path.of(System.getProperty("user.home"), ".soundtag", "dashboard.token");
  }

  public DashboardConfig withBind(String address, int newPort) {
    return new DashboardConfig(kafka, address, newPort, token, tokenFile, readOnly, serveAudio, history, candidateWindowsPerSecond, signatures);
  }

  public DashboardConfig withToken(String newToken) {
    return new DashboardConfig(kafka, bindAddress, port, newToken, tokenFile, readOnly, serveAudio, history, candidateWindowsPerSecond, signatures);
  }

  public DashboardConfig withTokenFile(Path file) {
    return new DashboardConfig(kafka, bindAddress, port, token, file, readOnly, serveAudio, history, candidateWindowsPerSecond, signatures);
  }

  public DashboardConfig withReadOnly(boolean on) {
    return new DashboardConfig(kafka, bindAddress, port, token, tokenFile, on, serveAudio, history, candidateWindowsPerSecond, signatures);
  }

  public DashboardConfig withAudio(boolean on) {
    return new DashboardConfig(kafka, bindAddress, port, token, tokenFile, readOnly, on, history, candidateWindowsPerSecond, signatures);
  }

  public DashboardConfig withCandidateScoring(double windowsPerSecond) {
    return new DashboardConfig(kafka, bindAddress, port, token, tokenFile, readOnly, serveAudio, history, windowsPerSecond, signatures);
  }

  public DashboardConfig withSignatures(SignaturePolicy policy) {
    return new DashboardConfig(kafka, bindAddress, port, token, tokenFile, readOnly, serveAudio, history, candidateWindowsPerSecond, policy);
  }
}
