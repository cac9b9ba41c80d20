package io.soundtag.tagger;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link Tagger#start} needs; {@link #of} gives the defaults and {@code withX} changes one.
 *
 * <pre>{@code
 * Tagger tagger = Tagger.start(TaggerSettings.of(config, bundle).withDeployment("urban-sounds"));
 * }</pre>
 *
 * @param config the Kafka Streams part: application id, connection, threads, policies
 * @param bundle the model served until a release of the deployment replaces it
 * @param mode serve the distilled student or the ensemble of every branch
 * @param followReleases follow {@code audio.models} and hot-swap newer releases of the deployment
 * @param deployment the deployment whose releases are followed (default: the bundle's model name, {@link ModelId#deploymentOf})
 * @param instanceId this instance's key on {@code audio.status}
 * @param heartbeat how often the status is written
 * @param registry where the tagger's metrics are registered
 * @param signatures which release signatures are accepted (default: none checked or required)
 */
public record TaggerSettings(
    TaggerConfig config, ModelBundle bundle, ServingMode mode, boolean followReleases, String deployment,
    String instanceId, Duration heartbeat, PrometheusRegistry registry, SignaturePolicy signatures) {

  /** The default heartbeat interval. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(5);

  public TaggerSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(signatures, "signatures");
    if (!ModelId.isDeploymentName(deployment)) {
      throw new IllegalArgumentException("a deployment name is letters, digits, '.', '_' or '-', got '" + deployment + "'");
    }
    if (instanceId == null || instanceId.isBlank()) {
      throw new IllegalArgumentException("an instance id is required (it keys the instance's status)");
    }
    if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive, got " + heartbeat);
    }
  }

  /**
   * Serve {@code bundle}'s student, follow the releases of the deployment named after it, report
   * every {@link #HEARTBEAT} as {@code applicationId@host-pid}, on a registry of its own, signatures
   * neither checked nor required.
   */
  public static TaggerSettings of(TaggerConfig config, ModelBundle bundle) {
    return new TaggerSettings(config, bundle, ServingMode.STUDENT, true, ModelId.deploymentOf(bundle.manifest().modelName()),
        config.applicationId() + "@" + host() + "-" + ProcessHandle.current().pid(), HEARTBEAT, new PrometheusRegistry(),
        SignaturePolicy.NONE);
  }

  public TaggerSettings withMode(ServingMode m) {
    return new TaggerSettings(config, bundle, m, followReleases, deployment, instanceId, heartbeat, registry, signatures);
  }

  public TaggerSettings withFollowReleases(boolean follow) {
    return new TaggerSettings(config, bundle, mode, follow, deployment, instanceId, heartbeat, registry, signatures);
  }

  public TaggerSettings withDeployment(String d) {
    return new TaggerSettings(config, bundle, mode, followReleases, d, instanceId, heartbeat, registry, signatures);
  }

  public TaggerSettings withInstanceId(String id) {
    return new TaggerSettings(config, bundle, mode, followReleases, deployment, id, heartbeat, registry, signatures);
  }

  public TaggerSettings withHeartbeat(Duration interval) {
    return new TaggerSettings(config, bundle, mode, followReleases, deployment, instanceId, interval, registry, signatures);
  }

  public TaggerSettings withSignatures(SignaturePolicy s) {
    return new TaggerSettings(config, bundle, mode, followReleases, deployment, instanceId, heartbeat, registry, s);
  }

  public TaggerSettings withRegistry(PrometheusRegistry r) {
    return new TaggerSettings(config, bundle, mode, followReleases, deployment, instanceId, heartbeat, r, signatures);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
    }
  }
}
