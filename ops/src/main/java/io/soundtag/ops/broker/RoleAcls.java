package io.soundtag.ops.broker;

import io.soundtag.core.release.ModelId;
import io.soundtag.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs each part of soundtag needs on a cluster whose authorizer refuses what no ACL allows,
 * and nothing more; as {@link AclBinding}s to create and as {@code kafka-acls.sh} lines.
 *
 * <pre>{@code
 * RoleAcls tagger = new RoleAcls(RoleAcls.Role.TAGGER, "User:tagger", "soundtag-tagger", "urban-sounds");
 * tagger.create(admin);
 * tagger.commandLines("kafka1:9093").forEach(System.out::println);
 * }</pre>
 *
 * @param role which part
 * @param principal the principal it runs as, e.g. {@code User:tagger}
 * @param applicationId the taggers' Kafka Streams application id (their group, internal topics and transactional ids start with it)
 * @param deployment the deployment a sidecar publishes releases of (its transactional id is {@code soundtag-releases-DEPLOYMENT})
 */
public record RoleAcls(Role role, String principal, String applicationId, String deployment) {

  /** The parts of soundtag that talk to Kafka, each with a principal of its own. */
  public enum Role {
    /** Writes chunks; reads them back to resume its sequence numbers. */
    INGEST,
    /** Reads chunks, models and sensors; writes tags, events, levels, dead letters, status and its internal topics, in transactions. */
    TAGGER,
    /** Reads labels, chunks, status and models; writes the models of its deployment, in transactions. */
    SIDECAR,
    /** Reads tags, events, chunks, dead letters, models, status and labels; writes labels; its alert group and {@code soundtag tail}'s groups. */
    DASHBOARD
  }

  public RoleAcls {
    if (role == null) {
      throw new IllegalArgumentException("a role is ingest, tagger, sidecar or dashboard");
    }
    if (principal == null || !principal.matches("[A-Za-z]+:.+")) {
      throw new IllegalArgumentException("a principal is TYPE:NAME, e.g. User:tagger, got '" + principal + "'");
    }
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("the tagger application id must be letters, digits, '.', '_' or '-', got " + applicationId);
    }
    if (!ModelId.isDeploymentName(deployment)) {
      throw new IllegalArgumentException("a deployment name is letters, digits, '.', '_' or '-', got '" + deployment + "'");
    }
  }

  /** The transactional id of the release log of {@code deployment} (ReleaseLog's). */
  static String releaseTransactionalId(String deployment) {
    return "soundtag-releases-" + deployment;
  }

  /** The ACLs of this role. */
  public List<AclBinding> bindings() {
    List<AclBinding> b = new ArrayList<>();
    switch (role) {
      case INGEST -> {
        topic(b, AclOperation.WRITE, Topics.AUDIO_CHUNKS);
        topic(b, AclOperation.READ, Topics.AUDIO_CHUNKS);
      }
      case TAGGER -> {
        for (String t : List.of(Topics.AUDIO_CHUNKS, Topics.AUDIO_MODELS, Topics.AUDIO_SENSORS)) {
          topic(b, AclOperation.READ, t);
        }
        for (String t : List.of(Topics.AUDIO_TAGS, Topics.AUDIO_EVENTS, Topics.AUDIO_LEVELS, Topics.AUDIO_CHUNKS_DLQ, Topics.AUDIO_STATUS)) {
          topic(b, AclOperation.WRITE, t);
        }
        b.add(allow(new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.LITERAL), AclOperation.READ));
        // Kafka Streams' repartition and changelog topics are named applicationId-…: it creates, reads, writes and deletes them.
        b.add(allow(new ResourcePattern(ResourceType.TOPIC, applicationId, PatternType.PREFIXED), AclOperation.ALL));
        b.add(allow(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED), AclOperation.WRITE));
        b.add(allow(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED), AclOperation.DESCRIBE));
      }
      case SIDECAR -> {
        for (String t : List.of(Topics.AUDIO_LABELS, Topics.AUDIO_CHUNKS, Topics.AUDIO_STATUS, Topics.AUDIO_MODELS)) {
          topic(b, AclOperation.READ, t);
        }
        topic(b, AclOperation.WRITE, Topics.AUDIO_MODELS);
        // The label cache reads the topic's delete.retention.ms, to know whether its copy may have missed a deletion.
        topic(b, AclOperation.DESCRIBE_CONFIGS, Topics.AUDIO_LABELS);
        String txn = releaseTransactionalId(deployment);
        b.add(allow(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, txn, PatternType.LITERAL), AclOperation.WRITE));
        b.add(allow(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, txn, PatternType.LITERAL), AclOperation.DESCRIBE));
      }
      case DASHBOARD -> {
        for (String t : List.of(Topics.AUDIO_TAGS, Topics.AUDIO_EVENTS, Topics.AUDIO_CHUNKS, Topics.AUDIO_CHUNKS_DLQ, Topics.AUDIO_MODELS,
            Topics.AUDIO_STATUS, Topics.AUDIO_LABELS)) {
          topic(b, AclOperation.READ, t);
        }
        topic(b, AclOperation.WRITE, Topics.AUDIO_LABELS);
        // The label writer reads the topic's max.message.bytes, to refuse a clip too large before sending it.
        topic(b, AclOperation.DESCRIBE_CONFIGS, Topics.AUDIO_LABELS);
        b.add(allow(new ResourcePattern(ResourceType.GROUP, "soundtag-alerts", PatternType.LITERAL), AclOperation.READ));
        b.add(allow(new ResourcePattern(ResourceType.GROUP, "soundtag-tail-", PatternType.PREFIXED), AclOperation.READ));
      }
      default -> throw new IllegalStateException("no ACLs for " + role);
    }
    return List.copyOf(b);
  }

  /**
   * Creates this role's ACLs with {@code admin} (a principal allowed to alter ACLs).
   *
   * @throws IllegalStateException if the cluster refuses, saying why
   */
  public void create(Admin admin) {
    try {
      admin.createAcls(bindings()).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create the ACLs of " + principal + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating ACLs", e);
    }
  }

  /** The same ACLs as {@code kafka-acls.sh} commands against {@code bootstrapServers}, run with an administrator's client configuration. */
  public List<String> commandLines(String bootstrapServers) {
    return bindings().stream().map(a -> {
      ResourcePattern r = a.pattern();
      String resource = switch (r.resourceType()) {
        case TOPIC -> "--topic " + r.name();
        case GROUP -> "--group " + r.name();
        case TRANSACTIONAL_ID -> "--transactional-id " + r.name();
        default -> throw new IllegalStateException("unexpected resource " + r);
      };
      return "kafka-acls.sh --bootstrap-server " + bootstrapServers + " --command-config admin.properties --add --allow-principal "
          + principal + " --operation " + camel(a.entry().operation()) + " " + resource
          + (r.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }).toList();
  }

  private void topic(List<AclBinding> b, AclOperation op, String topic) {
    b.add(allow(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), op));
  }

  private AclBinding allow(ResourcePattern pattern, AclOperation op) {
    return new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  /** An operation as kafka-acls.sh spells it: {@code DESCRIBE_CONFIGS} is {@code DescribeConfigs}. */
  private static String camel(AclOperation op) {
    StringBuilder out = new StringBuilder();
    for (String part : op.name().toLowerCase(Locale.ROOT).split("_")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }
}
