package io.soundtag.trainer.release;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.LabelSnapshot;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.core.release.SigningKey;
import io.soundtag.schemas.BundleSignature;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model releases on {@code audio.models}: publish, read a deployment's history, its current release.
 *
 * <pre>{@code
 * ReleaseLog log = new ReleaseLog(kafka);
 * ReleaseLog.Published p = log.publish(bundleBytes, ReleaseLineage.published("urban-sounds", "alice"));
 * List<ModelRelease> history = log.history("urban-sounds");      // in release order
 * }</pre>
 *
 * <p>Each release is written in a transaction of its own whose transactional id is the deployment's:
 * a second publisher of the same deployment fences the first, and the number is chosen after the
 * log has been read to its end inside that fence, so numbers only grow and no half-written release
 * is ever visible; a fenced publisher reads the log again and tries once more. Publishing a bundle that is already the deployment's current release (or, for a
 * refusal, that was already refused) writes nothing and returns the release there.
 */
public final class ReleaseLog {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseLog.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 5;

  private final KafkaConnection kafka;
  private final String topic;
  private final SigningKey signer;

  /** The log on {@link Topics#AUDIO_MODELS}. */
  public ReleaseLog(KafkaConnection kafka) {
    this(kafka, Topics.AUDIO_MODELS);
  }

  public ReleaseLog(KafkaConnection kafka, String topic) {
    this(kafka, topic, null);
  }

  private ReleaseLog(KafkaConnection kafka, String topic, SigningKey signer) {
    this.kafka = kafka;
    this.topic = topic;
    this.signer = signer;
  }

  /**
   * The same log, signing the bundle of every release it writes with {@code key}; null writes
   * unsigned releases, except that a rollback keeps the signature of the release it rolls back to.
   */
  public ReleaseLog signedBy(SigningKey key) {
    return new ReleaseLog(kafka, topic, key);
  }

  /**
   * A release published, or found already there.
   *
   * @param release the release on the topic
   * @param written false when the same candidate was already there and nothing was written
   */
  public record Published(ModelRelease release, boolean written) {}

  /**
   * Publishes {@code bundleBytes} as the next release of {@code lineage.deployment()}, whose parent
   * is the deployment's current release.
   *
   * @throws IllegalArgumentException if the bundle is unreadable or too large
   * @throws IllegalStateException if Kafka refuses the write; nothing is visible then
   */
  public Published publish(byte[] bundleBytes, ReleaseLineage lineage) {
    return publish(bundleBytes, lineage, false, null, null);
  }

  /**
   * As {@link #publish(byte[], ReleaseLineage)}, only if the deployment's current release is still
   * {@code expectedParent} (null: none) when the release is written, checked inside the fence: a
   * decision taken against a release that has since been replaced is never recorded against the newer one.
   *
   * @throws ParentMoved if another release became current; nothing is written then
   */
  public Published publishOnto(byte[] bundleBytes, ReleaseLineage lineage, Long expectedParent) {
    return publish(bundleBytes, lineage, true, expectedParent, null);
  }

  /** The deployment's current release is not the one a release was meant to follow. */
  public static final class ParentMoved extends IllegalStateException {

    private final Long current;

    ParentMoved(String deployment, Long expected, Long current) {
      super("the current release of " + deployment + " is " + current + ", not " + expected + " as expected; nothing written");
      this.current = current;
    }

    /** The current release number, or null when there is none. */
    public Long current() {
      return current;
    }
  }

  /** @param carried the signature of the same bundle in an earlier release (a rollback), or null */
  private Published publish(byte[] bundleBytes, ReleaseLineage lineage, boolean checkParent, Long expectedParent,
      BundleSignature carried) {
    BundleSignature signature = signer != null ? signer.sign(bundleBytes) : carried;
    for (int attempt = 1; ; attempt++) {
      try {
        return publishOnce(bundleBytes, lineage, checkParent, expectedParent, signature);
      } catch (Fenced e) {
        // Another publisher of the deployment started meanwhile; read the log again, its release included.
        if (attempt == MAX_ATTEMPTS) {
          throw new IllegalStateException("cannot publish a release of " + lineage.deployment() + ": fenced by other publishers "
              + MAX_ATTEMPTS + " times in a row", e.getCause());
        }
        LOG.info("another publisher of {} wrote first; reading the log again", lineage.deployment());
      }
    }
  }

  /** Another publisher of the same deployment took over the transactional id. */
  private static final class Fenced extends Exception {
    Fenced(Throwable cause) {
      super(cause);
    }
  }

  private Published publishOnce(byte[] bundleBytes, ReleaseLineage lineage, boolean checkParent, Long expectedParent,
      BundleSignature signature) throws Fenced {
    String sha = ModelBundle.sha256(bundleBytes);
    try (KafkaProducer<String, byte[]> producer = producer(lineage.deployment())) {
      producer.initTransactions();
      List<ModelRelease> history = history(lineage.deployment());
      Optional<ModelRelease> current = currentOf(history);
      Optional<ModelRelease> same = lineage.decision() == ReleaseDecision.REFUSED
          ? history.stream().filter(r -> r.getDecision() == ReleaseDecision.REFUSED && r.getSha256().equals(sha)).findFirst()
          // A signed publication of the current, unsigned bundle is a new release: followers that require signatures can serve it.
          : current.filter(r -> r.getSha256().equals(sha) && (signature == null || r.getSignature() != null));
      Long parent = current.map(ModelRelease::getRelease).orElse(null);
      if (checkParent && !Objects.equals(parent, expectedParent)) {
        throw new ParentMoved(lineage.deployment(), expectedParent, parent);
      }
      if (same.isPresent()) {
        LOG.info("release {} already holds this bundle ({}); nothing written", ReleaseEnvelope.id(same.get()), sha);
        return new Published(same.get(), false);
      }
      long number = history.stream().mapToLong(ModelRelease::getRelease).max().orElse(0) + 1;
      ModelRelease release = ReleaseEnvelope.seal(bundleBytes, lineage, number, parent, signature);
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, ReleaseEnvelope.key(release), Contracts.MODEL_RELEASE.encode(release))).get();
      producer.commitTransaction();
      LOG.info("published release {} ({}, parent {}, {})", ReleaseEnvelope.id(release), release.getDecision(), release.getParentRelease(),
          signature == null ? "unsigned" : "signed by key " + signature.getKeyId());
      return new Published(release, true);
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      throw new Fenced(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProducerFencedException || e.getCause() instanceof InvalidProducerEpochException) {
        throw new Fenced(e.getCause());
      }
      throw new IllegalStateException("cannot publish a release of " + lineage.deployment() + " to " + topic + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (KafkaException e) {
      throw new IllegalStateException("cannot publish a release of " + lineage.deployment() + " to " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing a release of " + lineage.deployment(), e);
    }
  }

  /**
   * Makes an older release's bundle current again, as a new ROLLBACK release whose parent is the
   * release rolled back.
   *
   * @param to the release whose bundle to serve, or null for the newest served release before the
   *     current one that carries another bundle
   * @throws IllegalArgumentException when there is nothing to roll back to, saying why
   */
  public Published rollback(String deployment, Long to, String createdBy) {
    List<ModelRelease> history = history(deployment);
    ModelRelease current = currentOf(history).orElseThrow(() ->
        new IllegalArgumentException("deployment " + deployment + " has no release to roll back (see `soundtag model list`)"));
    ModelRelease target;
    if (to == null) {
      target = history.stream()
          .filter(r -> ReleaseEnvelope.servable(r) && r.getRelease() < current.getRelease() && !r.getSha256().equals(current.getSha256()))
          .max(Comparator.comparingLong(ModelRelease::getRelease))
          .orElseThrow(() -> new IllegalArgumentException("deployment " + deployment + " has no earlier release with another bundle than "
              + ReleaseEnvelope.id(current)));
    } else {
      target = history.stream().filter(r -> r.getRelease() == to).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("deployment " + deployment + " has no release " + to
              + " (see `soundtag model list --deployment " + deployment + "`)"));
      if (!ReleaseEnvelope.servable(target)) {
        throw new IllegalArgumentException("release " + ReleaseEnvelope.id(target) + " was refused by the gate and never served;"
            + " publish its bundle with `soundtag model publish` to serve it anyway");
      }
    }
    ReleaseLineage lineage = new ReleaseLineage(deployment, ReleaseDecision.ROLLBACK, labels(target), target.getRecipe(),
        target.getGateMetrics(), current.getGateMetrics(), !target.getClasses().equals(current.getClasses()),
        createdBy + " (rollback to " + target.getRelease() + ")");
    return publish(ReleaseEnvelope.bundleBytes(target), lineage, false, null, target.getSignature());
  }

  /** Every release of {@code deployment}, in release order; undecodable records are skipped with a warning. */
  public List<ModelRelease> history(String deployment) {
    return all().stream().filter(r -> ReleaseEnvelope.deployment(r).equals(deployment)).toList();
  }

  /** The release a follower of {@code deployment} serves: the servable one with the largest number. */
  public Optional<ModelRelease> current(String deployment) {
    return currentOf(history(deployment));
  }

  /** The deployments that have releases. */
  public SortedSet<String> deployments() {
    SortedSet<String> names = new TreeSet<>();
    all().forEach(r -> names.add(ReleaseEnvelope.deployment(r)));
    return names;
  }

  /** Every release on the topic, by deployment and release number. */
  public List<ModelRelease> all() {
    Map<String, ModelRelease> byKey = new TreeMap<>();
    TopicSnapshot.read(kafka, topic, ReleaseEnvelope.MAX_RECORD_BYTES, TIMEOUT, r -> {
      if (r.value() == null) {
        byKey.remove(r.key());
        return;
      }
      try {
        ModelRelease release = ReleaseEnvelope.decode(r.value());
        byKey.put(ReleaseEnvelope.key(release), release);
      } catch (InvalidReleaseException | IllegalArgumentException e) {
        LOG.warn("skipping record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    });
    List<ModelRelease> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(ReleaseEnvelope::deployment).thenComparingLong(ModelRelease::getRelease));
    return out;
  }

  /** The release a follower serves among {@code history} (one deployment's releases): the servable one with the largest number. */
  public static Optional<ModelRelease> currentOf(List<ModelRelease> history) {
    return history.stream().filter(ReleaseEnvelope::servable).max(Comparator.comparingLong(ModelRelease::getRelease));
  }

  private static LabelSnapshot labels(ModelRelease r) {
    io.soundtag.schemas.LabelSnapshot s = r.getLabelSnapshot();
    if (s == null) {
      return null;
    }
    Map<Integer, Long> offsets = new TreeMap<>();
    s.getOffsets().forEach((p, o) -> offsets.put(Integer.parseInt(p), o));
    return new LabelSnapshot(s.getTopic(), offsets, s.getLabelSetHash(), s.getClips());
  }

  private KafkaProducer<String, byte[]> producer(String deployment) {
    Map<String, Object> own = Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "soundtag-releases-" + deployment,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ReleaseEnvelope.MAX_RECORD_BYTES,
        ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * ReleaseEnvelope.MAX_RECORD_BYTES,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.CLIENT_ID_CONFIG, "soundtag-release-log-" + deployment);
    return new KafkaProducer<>(kafka.clientProperties(own), new StringSerializer(), new ByteArraySerializer());
  }

}
