package io.soundtag.ops.dashboard;

import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.dashboard.alerts.Alerts;
import io.soundtag.dashboard.alerts.AlertsConfig;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.cli.SignatureOptions;
import io.soundtag.ops.cli.Lifecycle;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soundtag dashboard}: the operator's web page over the live topics. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serve the operator's dashboard: live tags, events, spectrograms, playback and reviews.",
        "Binds 127.0.0.1 unless --bind says otherwise; reviews need the write token, printed at first start."})
public final class DashboardCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Mixin
  SignatureOptions signatures;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
      description = "HTTP port (default: ${DEFAULT-VALUE}); 0 picks a free one.")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String bind;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Write token for reviews (at least 16 characters; other users can see a command line, so prefer --token-file); "
          + "default: the one in --token-file, made at first start.")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Where the write token is kept (default: ~/.soundtag/dashboard.token).")
  Path tokenFile;

  @Option(names = "--read-only", description = "Refuse every write (reviews).")
  boolean readOnly;

  @Option(names = "--no-audio", description = "Serve no audio: no playback and no spectrograms (privacy).")
  boolean noAudio;

  @Option(names = "--candidate-windows-per-second", paramLabel = "N",
      defaultValue = "" + DashboardConfig.DEFAULT_CANDIDATE_WINDOWS_PER_SECOND,
      description = "Recent windows the newest unserved release (refused, or not swapped in yet) scores per second for the review"
          + " queue, where it disagrees with the served model (default: ${DEFAULT-VALUE}; 0 turns it off).")
  double candidateWindowsPerSecond;

  @Option(names = "--alerts", paramLabel = "FILE",
      description = "Alert rules and sinks (JSON: rules, quietHours, webhook, mqtt, retry, deadLetterFile); "
          + "sound events that pass a rule go to the webhook and MQTT with a link to their audio here.")
  Path alertsFile;

  @Override
  public Integer call() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    AlertsConfig alerts = alertsFile == null ? null : AlertsConfig.read(alertsFile);
    Dashboard dashboard = lifecycle.own(Dashboard.start(config(DashboardConfig.defaults(kafka.connection()))));
    announce(dashboard, System.err);
    if (alerts != null) {
      lifecycle.own(Alerts.start(alerts, kafka.connection(), dashboard.url()));
      System.err.println("alerts: " + alerts.rules().size() + " rules to" + (alerts.webhook() == null ? "" : " " + alerts.webhook())
          + (alerts.mqttServer() == null ? "" : " " + alerts.mqttServer()) + "; undeliverable alerts go to " + alerts.deadLetterFile());
    }
    lifecycle.awaitShutdown();
    return 0;
  }

  private DashboardConfig config(DashboardConfig defaults) {
    return defaults.withBind(bind, port).withToken(token)
        .withTokenFile(tokenFile == null ? defaults.tokenFile() : tokenFile)
        .withReadOnly(readOnly).withAudio(!noAudio).withCandidateScoring(candidateWindowsPerSecond)
        .withSignatures(signatures.policy());
  }

  /** Prints where the dashboard is; the first start also shows its write token, once. */
  public static void announce(Dashboard dashboard, PrintStream out) {
    if (dashboard.tokenCreated()) {
      out.println("dashboard on " + dashboard.url() + "#token=" + dashboard.token());
      out.println("  write token (shown once; kept in the token file): " + dashboard.token());
    } else {
      out.println("dashboard on " + dashboard.url());
    }
  }
}
