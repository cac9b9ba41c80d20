package io.soundtag.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class ClusterAccessTest {

  private static final KafkaConnection SCRAM = new KafkaConnection("kafka1:9093", Map.of("security.protocol", "SASL_SSL",
      "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tagger\" password=\"s3cret\";"));

  @Test
  void eachSecurityFailureIsOneLineNamingTheCauseAndNeverThePassword() {
    var wrapped = new IllegalStateException("cannot publish", new SaslAuthenticationException("Authentication failed"));
    var untrusted = new SslAuthenticationException("SSL handshake failed",
        new SSLHandshakeException("PKIX path building failed: unable to find valid certification path to requested target"));

    assertThat(ClusterAccess.explain(SCRAM, wrapped)).hasValueSatisfying(l -> assertThat(l)
        .contains("refused the credentials of user 'tagger' (SCRAM-SHA-512)").doesNotContain("s3cret").doesNotContain("\n"));
    assertThat(ClusterAccess.explain(SCRAM, untrusted)).hasValueSatisfying(l -> assertThat(l).contains("is not trusted")
        .contains("ssl.truststore.location"));
    assertThat(ClusterAccess.explain(SCRAM, new TopicAuthorizationException(Set.of("audio.models"))))
        .hasValueSatisfying(l -> assertThat(l).startsWith("user 'tagger' is not allowed to use topic(s) [audio.models]"));
    assertThat(ClusterAccess.explain(null, new GroupAuthorizationException("denied", "soundtag-tail-1")))
        .hasValueSatisfying(l -> assertThat(l).contains("consumer group 'soundtag-tail-1'"));
    assertThat(ClusterAccess.explain(SCRAM, new KafkaException("Failed to construct kafka producer",
        new IllegalArgumentException("no truststore at /nowhere")))).hasValueSatisfying(l -> assertThat(l).contains("/nowhere"));
    assertThat(ClusterAccess.explain(SCRAM, new IllegalStateException("not Kafka's"))).isEmpty();
  }

  @Test
  void withNoBrokerListeningTheCheckOnlyWarnsSoBufferingClientsStillStart() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ClusterAccess.check(KafkaConnection.to("127.0.0.1:" + port), Duration.ofSeconds(1));
  }
}
