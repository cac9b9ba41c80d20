package io.soundtag.trainer.sidecar;

import ai.djl.Device;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.core.release.SigningKey;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.gate.GateRules;
import io.soundtag.trainer.job.TrainingRecipe;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link Sidecar} needs, validated. Start from {@link #of(KafkaConnection, Path)} and
 * change what differs with the {@code with…} methods.
 *
 * @param kafka the cluster
 * @param cacheDir the sidecar's own directory: the label cache and the checkpoints of the current run
 * @param deployment the deployment it trains for, the name taggers follow
 * @param recipe what it trains
 * @param minNewLabels start a run once this many clips were added, changed or deleted since the last run
 * @param every also start a run when this long has passed since the last one and any clip changed;
 *     null for never
 * @param rules the gate's rules
 * @param gatePercent without clips hinted {@code gate}, the hash share of clips kept for the gate
 * @param validationPercent hash share of the remaining clips used for validation, not training
 * @param shadowSpan how much recent live audio the shadow run scores per sensor
 * @param shadowSensors at most this many sensors in the shadow run
 * @param poll how often the labels topic is checked
 * @param device where to train and score
 * @param createdBy recorded in every release it writes, e.g. {@code sidecar@host-1}
 * @param labelsTopic the labels topic
 * @param modelsTopic the releases topic
 * @param chunksTopic the live audio topic
 * @param signingKey signs every release it writes; null for unsigned releases
 * @param signatures which signatures the served release it compares with must carry
 * @param falseAlarmTarget the largest share of the gate's negative clips a candidate's thresholds may
 *     let raise a tag; null for the target the served bundle records, else 0.05 (see {@link CandidateThresholds})
 * @param rehearsal what a taxonomy candidate trains on besides the site's labels (see {@link Rehearsal})
 */
public record SidecarConfig(
    KafkaConnection kafka, Path cacheDir, String deployment, TrainingRecipe recipe, int minNewLabels, Duration every,
    GateRules rules, int gatePercent, int validationPercent, Duration shadowSpan, int shadowSensors, Duration poll,
    Device device, String createdBy, String labelsTopic, String modelsTopic, String chunksTopic, SigningKey signingKey,
    SignaturePolicy signatures, Double falseAlarmTarget, Rehearsal rehearsal) {

  public SidecarConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(cacheDir, "cacheDir: give the sidecar a directory of its own with --cache-dir");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(rehearsal, "rehearsal");
    if (!io.soundtag.core.release.ModelId.isDeploymentName(deployment)) {
      throw new IllegalArgumentException("--deployment must be letters, digits, '.', '_' or '-', got '" + deployment + "'");
    }
    if (minNewLabels < 1) {
      throw new IllegalArgumentException("--min-new-labels must be at least 1, got " + minNewLabels);
    }
    if (every != null && (every.isNegative() || every.isZero())) {
      throw new IllegalArgumentException("--every must be a positive duration such as PT30M, got " + every);
    }
    if (shadowSensors < 0 || shadowSpan == null || shadowSpan.isNegative() || shadowSpan.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("the shadow run reads up to 10 minutes of 0 or more sensors; got " + shadowSpan + " of "
          + shadowSensors);
    }
    if (poll == null || poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, got " + poll);
    }
    if (falseAlarmTarget != null && !(falseAlarmTarget > 0 && falseAlarmTarget < 1)) {
      throw new IllegalArgumentException("--false-alarm-target is a share in (0, 1), e.g. 0.05; got " + falseAlarmTarget);
    }
    createdBy = createdBy == null || createdBy.isBlank() ? "sidecar@" + host() : createdBy;
  }

  /**
   * The defaults: deployment {@code urban-sounds}, {@link TrainingRecipe#defaults()}, a run per 20
   * changed clips and at least hourly, {@link GateRules#defaults()}, a 20 % gate and 10 %
   * validation share, a 60 s shadow run on up to 8 sensors, polling every 5 s, on the CPU; the
   * false-alarm target the served bundle records (else 0.05); {@link Rehearsal#defaults()}.
   */
  public static SidecarConfig of(KafkaConnection kafka, Path cacheDir) {
    return new SidecarConfig(kafka, cacheDir, "urban-sounds", TrainingRecipe.defaults(), 20, Duration.ofHours(1),
        GateRules.defaults(), 20, 10, Duration.ofSeconds(60), 8, Duration.ofSeconds(5), Device.cpu(), null,
        Topics.AUDIO_LABELS, Topics.AUDIO_MODELS, Topics.AUDIO_CHUNKS, null, SignaturePolicy.NONE, null,
        Rehearsal.defaults());
  }

  public SidecarConfig withDeployment(String d) {
    return new SidecarConfig(kafka, cacheDir, d, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  public SidecarConfig withRecipe(TrainingRecipe r) {
    return new SidecarConfig(kafka, cacheDir, deployment, r, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  /** When to run: after {@code n} changed clips, or {@code period} after the last run (null: never by time). */
  public SidecarConfig withSchedule(int n, Duration period) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, n, period, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  public SidecarConfig withRules(GateRules r) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, r, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  /** The shadow run: {@code span} of recent audio from up to {@code sensors} sensors (0: none). */
  public SidecarConfig withShadow(Duration span, int sensors) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, span,
        sensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  public SidecarConfig withPoll(Duration p) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, p, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  public SidecarConfig withDevice(Device d) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, d, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  public SidecarConfig withCreatedBy(String who) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, who, labelsTopic, modelsTopic, chunksTopic, signingKey,
        signatures, falseAlarmTarget, rehearsal);
  }

  /** Sign every release with {@code key} (null: unsigned) and accept the served release under {@code policy}. */
  public SidecarConfig withSignatures(SigningKey key, SignaturePolicy policy) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, key, policy, falseAlarmTarget, rehearsal);
  }

  /** The false-alarm target of a candidate's thresholds; null for the served bundle's, else 0.05. */
  public SidecarConfig withFalseAlarmTarget(Double target) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey, signatures, target, rehearsal);
  }

  /** What a taxonomy candidate trains on besides the site's labels. */
  public SidecarConfig withRehearsal(Rehearsal r) {
    return new SidecarConfig(kafka, cacheDir, deployment, recipe, minNewLabels, every, rules, gatePercent, validationPercent, shadowSpan,
        shadowSensors, poll, device, createdBy, labelsTopic, modelsTopic, chunksTopic, signingKey, signatures, falseAlarmTarget, r);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
