package io.soundtag.ops.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.release.SigningKey;
import io.soundtag.core.release.TrustedKeys;
import io.soundtag.ops.cli.SoundtagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelKeygenCommandTest {

  @TempDir
  Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = SoundtagCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void writesAKeyPairThatSignsAndVerifiesAndNeverOverwritesIt() {
    Path name = dir.resolve("releases");

    String[] first = run("model", "keygen", name.toString());
    String[] again = run("model", "keygen", name.toString());
    String[] rsa = run("model", "keygen", dir.resolve("rsa").toString(), "--algorithm", "rsa");
    String[] dsa = run("model", "keygen", dir.resolve("dsa").toString(), "--algorithm", "dsa");

    SigningKey key = SigningKey.load(dir.resolve("releases.key"));
    assertThat(first[0]).isEqualTo("0");
    assertThat(first[1]).contains("ed25519 key id " + key.keyId());
    assertThat(TrustedKeys.load(List.of(dir.resolve("releases.pub"))).ids()).containsExactly(key.keyId());
    assertThat(again[0]).isEqualTo("1");
    assertThat(again[2]).contains("exists");
    assertThat(rsa[0]).isEqualTo("0");
    assertThat(rsa[1]).contains("rsa key id");
    assertThat(dsa[0]).isEqualTo("1");
    assertThat(dsa[2]).contains("ed25519 or rsa");
  }
}
