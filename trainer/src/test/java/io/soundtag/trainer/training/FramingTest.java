package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.features.CqtConfig;
import io.soundtag.core.features.GammatoneConfig;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MfccConfig;
import io.soundtag.core.features.StftConfig;
import org.junit.jupiter.api.Test;

class FramingTest {

  @Test
  void defaultsAreThoseOfEveryRepresentation() {
    assertThat(BranchSpec.parse("logmel:cpmobile", 32000, 0).features()).isEqualTo(LogMelConfig.defaults(32000));
    assertThat(BranchSpec.parse("cqt:cpmobile", 32000, 0).features()).isEqualTo(CqtConfig.defaults(32000));
    assertThat(BranchSpec.parse("gammatone:cpmobile", 32000, 0).features()).isEqualTo(GammatoneConfig.defaults(32000));
    assertThat(Framing.defaults(16000)).isEqualTo(new Framing(1024, 160));
  }

  @Test
  void aFramingReachesEveryRepresentation() {
    Framing f = Framing.of(16000, 512, 20);
    assertThat(f).isEqualTo(new Framing(512, 320));
    LogMelConfig logMel = (LogMelConfig) BranchSpec.parse("logmel:cpmobile", 16000, 24, f).features();
    assertThat(logMel.nFft()).isEqualTo(512);
    assertThat(logMel.winLength()).isEqualTo(512);
    assertThat(logMel.hopLength()).isEqualTo(320);
    assertThat(logMel.nMels()).isEqualTo(64);
    assertThat(logMel.fmax()).isEqualTo(8000.0);
    assertThat(((MfccConfig) BranchSpec.parse("mfcc:cpmobile", 16000, 0, f).features()).logMel()).isEqualTo(logMel);
    assertThat(((CqtConfig) BranchSpec.parse("cqt:cpmobile", 16000, 0, f).features()).hopLength()).isEqualTo(320);
    GammatoneConfig g = (GammatoneConfig) BranchSpec.parse("gammatone:cpmobile", 16000, 0, f).features();
    assertThat(g.nFft()).isEqualTo(512);
    assertThat(g.hopLength()).isEqualTo(320);
    assertThat(BranchSpec.parse("stft:cpmobile", 16000, 0, f).features()).isEqualTo(new StftConfig(16000, 512, 512, 320));
    assertThat(BranchSpec.parse("logmel:cpmobile", 16000, 24, f).network().width()).isEqualTo(24);
  }

  @Test
  void badFramingsSayWhatToChange() {
    assertThatThrownBy(() -> new Framing(500, 160)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> Framing.of(16000, 512, 0.01)).hasMessageContaining("less than one sample");
  }
}
