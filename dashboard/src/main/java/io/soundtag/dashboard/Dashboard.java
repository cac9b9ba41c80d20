package io.soundtag.dashboard;

import io.soundtag.dashboard.audio.ArchiveAudio;
import io.soundtag.dashboard.audio.SensorAudio;
import io.soundtag.dashboard.candidate.CandidateReleases;
import io.soundtag.dashboard.candidate.CandidateScoring;
import io.soundtag.dashboard.live.LiveBoard;
import io.soundtag.dashboard.live.LiveFeed;
import io.soundtag.dashboard.review.LabelTopicSink;
import io.soundtag.dashboard.review.ReviewHistory;
import io.soundtag.dashboard.review.ReviewSink;
import io.soundtag.dashboard.review.ReviewTally;
import io.soundtag.dashboard.web.AccessPolicy;
import io.soundtag.dashboard.web.DashboardServer;
import io.soundtag.trainer.labels.LabelWriter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dashboard: the live feed from Kafka and the web server. {@link #start} is the front
 * door; {@link #close()} stops both.
 *
 * <pre>{@code
 * Dashboard d = Dashboard.start(DashboardConfig.defaults(kafka).withReadOnly(true));
 * System.out.println(d.url());
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  private final LiveFeed feed;
  private final Thread feedThread;
  private final CandidateScoring scoring;
  private final Thread scoringThread;
  private final ReviewHistory history;
  private final Thread historyThread;
  private final DashboardServer server;
  private final AutoCloseable[] backends;
  private final WriteToken token;
  private final DashboardConfig config;

  private Dashboard(DashboardConfig config, WriteToken token, LiveFeed feed, Thread feedThread, CandidateScoring scoring,
      Thread scoringThread, ReviewHistory history, Thread historyThread, DashboardServer server,
      AutoCloseable... backends) {
    this.config = config;
    this.token = token;
    this.feed = feed;
    this.feedThread = feedThread;
    this.scoring = scoring;
    this.scoringThread = scoringThread;
    this.history = history;
    this.historyThread = historyThread;
    this.server = server;
    this.backends = backends;
  }

  /**
   * Starts reading the topics and serving the page; returns once it listens. Audio is read back
   * from the chunks topic when it is served or reviews need it. Reviews are written
   * to the labels topic unless read-only; when that topic cannot be reached the dashboard says so
   * in its log and on the page, and runs without reviews. Unless turned off, the last candidate
   * model scores a few recent windows a second for the review queue, reading their audio with
   * its own reader (it serves none of it). Precision and recall count every review on the labels
   * topic, read from its beginning and then as any dashboard writes more.
   */
  public static Dashboard start(DashboardConfig config) {
    boolean needsAudio = config.serveAudio() || !config.readOnly();
    return start(config, needsAudio ? ArchiveAudio.open(config.kafka()) : null, config.readOnly() ? null : labelSink(config),
        config.candidateWindowsPerSecond() > 0 ? ArchiveAudio.recent(config.kafka(), CANDIDATE_AUDIO_SKEW) : null);
  }

  /** How far from a recent window's capture time its chunks are looked for: they were sent moments after. */
  static final Duration CANDIDATE_AUDIO_SKEW = Duration.ofSeconds(10);

  private static ReviewSink labelSink(DashboardConfig config) {
    try {
      return new LabelTopicSink(LabelWriter.open(config.kafka()));
    } catch (RuntimeException e) {
      LOG.warn("dashboard: reviews are off, the labels topic cannot be written: {}", e.getMessage());
      return null;
    }
  }

  /**
   * As {@link #start(DashboardConfig)} with the given audio and review back-ends (null: none),
   * which the dashboard closes with itself when they are closeable; {@code candidateAudio} reads
   * windows back for the candidate model (null: no candidate scoring).
   */
  static Dashboard start(DashboardConfig config, SensorAudio audio, ReviewSink reviews, SensorAudio candidateAudio) {
    LiveFeed feed = null;
    CandidateScoring scoring = null;
    ReviewHistory history = null;
    try {
      WriteToken token = WriteToken.resolve(config);
      LiveBoard board = new LiveBoard(config.signatures());
      CandidateReleases candidates = new CandidateReleases();
      feed = new LiveFeed(config.kafka(), board, config.history(), candidates::onRelease);
      Thread thread = new Thread(feed, "dashboard-live-feed");
      thread.setDaemon(true);
      thread.start();
      Thread scoringThread = null;
      if (candidateAudio != null) {
        scoring = new CandidateScoring(board, candidates, candidateAudio, config.candidateWindowsPerSecond());
        scoringThread = new Thread(scoring, "dashboard-candidate");
        scoringThread.setDaemon(true);
        scoringThread.setPriority(Thread.MIN_PRIORITY);
        scoringThread.start();
      }
      ReviewTally tally = new ReviewTally();
      history = new ReviewHistory(config.kafka(), tally);
      Thread historyThread = new Thread(history, "dashboard-reviews");
      historyThread.setDaemon(true);
      historyThread.start();
      DashboardServer server = new DashboardServer(config.bindAddress(), config.port(), board,
          new AccessPolicy(token.value(), config.readOnly(), config.serveAudio()), audio, reviews, tally, scoring);
      return new Dashboard(config, token, feed, thread, scoring, scoringThread, history, historyThread, server,
          closeable(audio), closeable(reviews), closeable(candidateAudio));
    } catch (RuntimeException e) {
      // Nothing half-started stays behind: the feed, the scoring and the back-ends opened for this dashboard close.
      if (feed != null) {
        feed.close();
      }
      if (scoring != null) {
        scoring.close();
      }
      if (history != null) {
        history.close();
      }
      for (AutoCloseable c : new AutoCloseable[] {closeable(audio), closeable(reviews), closeable(candidateAudio)}) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static AutoCloseable closeable(Object o) {
    return o instanceof AutoCloseable c ? c : () -> { };
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8090/}. */
  public String url() {
    String host = config.bindAddress().equals("0.0.0.0") || config.bindAddress().equals("::")
        ? "127.0.0.1" : config.bindAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/";
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** The write token. */
  public String token() {
    return token.value();
  }

  /** Whether this start created the token (then show it once: it is in the token file from now on). */
  public boolean tokenCreated() {
    return token.created();
  }

  @Override
  public void close() {
    server.close();
    feed.close();
    history.close();
    if (scoring != null) {
      scoring.close();
      scoringThread.interrupt();
    }
    try {
      feedThread.join(5000);
      historyThread.join(5000);
      if (scoringThread != null) {
        scoringThread.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable b : backends) {
      try {
        b.close();
      } catch (Exception e) {
        LOG.warn("error while closing {}: {}", b, e.toString());
      }
    }
  }
}
