package io.soundtag.ops.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class RoleAclsTest {

  private static boolean allows(RoleAcls acls, ResourceType type, String name, AclOperation op) {
    return acls.bindings().stream().anyMatch(b -> b.pattern().resourceType() == type && b.pattern().name().equals(name)
            && (b.entry().operation() == op || b.entry().operation() == AclOperation.ALL));
  }

  @Test
  void noRoleButTheSidecarWritesModelsAndIngestReadsNothingButChunks() {
    for (RoleAcls.Role role : RoleAcls.Role.values()) {
      RoleAcls acls = new RoleAcls(role, "User:" + role, "soundtag-tagger", "urban-sounds");
      assertThat(allows(acls, ResourceType.TOPIC, Topics.AUDIO_MODELS, AclOperation.WRITE)).as(role.name())
          .isEqualTo(role == RoleAcls.Role.SIDECAR);
    }
    RoleAcls ingest = new RoleAcls(RoleAcls.Role.INGEST, "User:ingest", "soundtag-tagger", "urban-sounds");
    assertThat(ingest.bindings()).allSatisfy(b -> assertThat(b.pattern().name()).isEqualTo(Topics.AUDIO_CHUNKS));
  }

  /** The README's lines are the ones `soundtag topics acls` prints, so they cannot drift apart. */
  @Test
  void theReadmeListsExactlyEachRolesAcls() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (RoleAcls.Role role : RoleAcls.Role.values()) {
      String name = role.name().toLowerCase(java.util.Locale.ROOT);
      List<String> lines = new RoleAcls(role, "User:" + name, "soundtag-tagger", "urban-sounds").commandLines("kafka1:9093");
      for (String line : lines) {
        assertThat(readme).as("README line for " + name).contains(line);
      }
      long inReadme = readme.lines().filter(l -> l.contains("--allow-principal User:" + name + " ")).count();
      assertThat(inReadme).as("README lines for " + name).isEqualTo(lines.size());
    }
  }
}
