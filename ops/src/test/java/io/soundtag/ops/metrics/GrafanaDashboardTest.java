package io.soundtag.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.soundtag.ingest.IngestMetrics;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.trainer.sidecar.SidecarMetrics;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard: every panel has a query, and every query names metrics soundtag exports (tagger, ingest, sidecar). */
class GrafanaDashboardTest {

  @Test
  void everyPanelQueriesMetricsTheTaggerIngestAndSidecarExport() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    new TaggerMetrics(registry);
    IngestMetrics.of(registry);
    Set<String> exported = new HashSet<>();
    for (MetricSnapshot s : registry.scrape()) {
      exported.add(s.getMetadata().getPrometheusName());
    }
    for (MetricSnapshot s : new SidecarMetrics().registry().scrape()) {
      exported.add(s.getMetadata().getPrometheusName());
    }
    JsonNode dashboard;
    try (InputStream in = GrafanaDashboardTest.class.getResourceAsStream("/grafana/soundtag-dashboard.json")) {
      dashboard = new ObjectMapper().readTree(in);
    }
    assertThat(dashboard.path("panels")).isNotEmpty();
    Set<String> queried = new TreeSet<>();
    Pattern metric = Pattern.compile("soundtag_[a-z0-9_]+");
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as("panel %s has queries", panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        Matcher m = metric.matcher(target.path("expr").asText());
        assertThat(m.find()).as("query of panel %s names a soundtag metric", panel.path("title").asText()).isTrue();
        do {
          queried.add(m.group().replaceAll("_(total|bucket|count|sum)$", ""));
        } while (m.find());
      }
    }
    assertThat(exported).containsAll(queried);
  }
}
