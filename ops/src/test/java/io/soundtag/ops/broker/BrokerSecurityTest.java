package io.soundtag.ops.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.ops.cli.SoundtagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSecurityTest {

  @TempDir
  Path dir;

  @Test
  void readsAFileWithRelativeStoresUsersAndSuperUsersAndNeverShowsAPassword() throws Exception {
    Files.writeString(dir.resolve("broker.p12"), "x");
    Files.writeString(dir.resolve("trust.p12"), "x");
    Path file = dir.resolve("security.properties");
    Files.writeString(file, String.join("\n", "ssl.keystore.location=broker.p12", "ssl.keystore.password=ks-secret",
        "ssl.truststore.location=trust.p12", "ssl.truststore.password=ts-secret", "scram.user.tagger.password=tagger-secret",
        "scram.user.admin.password=admin-secret", "super.users=admin", "authorizer=true", ""));

    BrokerSecurity s = BrokerSecurity.load(file);

    assertThat(s.keystore()).isEqualTo(dir.resolve("broker.p12").toAbsolutePath());
    assertThat(s.scramUsers()).isEqualTo(Map.of("tagger", "tagger-secret", "admin", "admin-secret"));
    assertThat(s.superUsers()).isEqualTo(List.of("admin"));
    assertThat(s.authorizer()).isTrue();
    assertThat(s.toString()).contains("tagger").doesNotContain("secret");
  }

  @Test
  void aMissingStoreOrPasswordOrABadUserNameSaysWhat() throws Exception {
    Path file = dir.resolve("security.properties");
    Files.writeString(file, "ssl.keystore.location=missing.p12\nssl.keystore.password=a\nssl.truststore.location=t.p12\nssl.truststore.password=b\n");
    assertThatThrownBy(() -> BrokerSecurity.load(file)).hasMessageContaining("readable PKCS #12 keystore");
    Files.writeString(file, "ssl.keystore.location=missing.p12\n");
    assertThatThrownBy(() -> BrokerSecurity.load(file)).hasMessageContaining("has no ssl.keystore.password");
    Files.writeString(dir.resolve("k.p12"), "x");
    assertThatThrownBy(() -> new BrokerSecurity(dir.resolve("k.p12"), "a", dir.resolve("k.p12"), "b", Map.of("bad name", "p"), List.of(),
        false)).hasMessageContaining("'bad name'");
  }

  @Test
  void theAuthorizerOnAPlaintextBrokerIsRefused() {
    StringWriter err = new StringWriter();
    var cl = SoundtagCommand.commandLine();
    cl.setErr(new PrintWriter(err, true));

    assertThat(cl.execute("broker", "--authorizer", "--data-dir", dir.resolve("b").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--authorizer needs authenticated clients");
  }
}
