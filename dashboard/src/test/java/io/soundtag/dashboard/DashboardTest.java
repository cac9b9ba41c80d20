package io.soundtag.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.schemas.topic.KafkaConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {

  @TempDir
  Path dir;

  DashboardConfig config() {
    // No broker needed: nothing here waits for one.
    return DashboardConfig.defaults(KafkaConnection.to("127.0.0.1:9")).withTokenFile(dir.resolve("t/dashboard.token"));
  }

  @Test
  void theFirstStartMakesAnOwnerOnlyTokenAndLaterStartsReuseIt() throws Exception {
    String first;
    try (Dashboard d = Dashboard.start(config().withBind("127.0.0.1", 0), null, null, null)) {
      assertThat(d.tokenCreated()).isTrue();
      assertThat(d.url()).isEqualTo("http://127.0.0.1:" + d.port() + "/");
      first = d.token();
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("t/dashboard.token")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (Dashboard d = Dashboard.start(config().withBind("127.0.0.1", 0), null, null, null)) {
      assertThat(d.tokenCreated()).isFalse();
      assertThat(d.token()).isEqualTo(first);
    }
  }

  @Test
  void aTakenPortIsAClearErrorAndLeavesNothingRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int before = Thread.activeCount();
      assertThatThrownBy(() -> Dashboard.start(config().withBind("127.0.0.1", taken.getLocalPort()), null, null, null))
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("another --port");
      assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("dashboard-http"));
      assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 2);
    }
  }

  @Test
  void configurationSaysWhatToFix() {
    assertThatThrownBy(() -> config().withToken("short")).hasMessageContaining("at least 16");
    assertThatThrownBy(() -> config().withBind("127.0.0.1", 70000)).hasMessageContaining("0..65535");
    assertThatThrownBy(() -> config().withBind(" ", 1)).hasMessageContaining("127.0.0.1 (this machine only)");
  }
}
