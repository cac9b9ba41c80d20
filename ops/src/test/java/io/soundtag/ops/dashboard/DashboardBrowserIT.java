package io.soundtag.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through Selenium and Debian's
 * chromedriver) over the whole live system: embedded broker, simulated sensors, the tagger.
 * Screenshots of the main views go to {@code target/screenshots}.
 */
class DashboardBrowserIT {

  static final Path CHROMIUM = Path.of(System.getProperty("soundtag.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("soundtag.chromedriver", "/usr/bin/chromedriver"));
  static final String TOKEN = "browser-test-token-0123456789";
  static final String REVIEWER = "browser-test";
  static final int SENSORS = 3;

  @TempDir
  Path dir;

  @Test
  void anOperatorSeesLiveTagsHearsAnEventAndReviewsIt() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver; skipped");
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Lifecycle lifecycle = new Lifecycle();
    ChromeDriver browser = null;
    try {
      ModelBundle bundle = DefaultModel.load(null);
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(2, (short) 1));
      PrometheusRegistry registry = new PrometheusRegistry();
      TaggerConfig config = new TaggerConfig("browser", KafkaConnection.to(kafka.bootstrapServers()), dir.resolve("state"), 1,
          true, ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null));
      lifecycle.own(Tagger.start(TaggerSettings.of(config, bundle).withRegistry(registry)));
      SimulatedFleet fleet = new SimulatedFleet(new FleetConfig("sensor", SENSORS, 7,
          SceneConfig.defaults(bundle.manifest().sampleRate()), 1, true));
      IngestPipeline pipeline = lifecycle.own(IngestPipeline.connect(PipelineConfig.defaults(),
          ProducerSettings.defaults(kafka.bootstrapServers()), registry, SENSORS));
      Thread sensors = new Thread(() -> {
        try {
          fleet.run(pipeline, Duration.ofMinutes(5), null);
        } catch (Exception e) {
          Thread.currentThread().interrupt();
        }
      }, "browser-it-sensors");
      sensors.start();
      lifecycle.own(() -> {
        fleet.stop();
        sensors.join(5_000);
      });
      Dashboard dashboard = lifecycle.own(Dashboard.start(DashboardConfig.defaults(KafkaConnection.to(kafka.bootstrapServers()))
          .withBind("127.0.0.1", 0).withToken(TOKEN)));

      // The shipped bundle as release 1 of its deployment: the tagger swaps it in and the models panel shows it.
      new ReleaseLog(KafkaConnection.to(kafka.bootstrapServers())).publish(bundle.toBytes(),
          ReleaseLineage.published(bundle.manifest().modelName(), REVIEWER));

      // One undecodable chunk, so that the dead-letter panel has something to count.
      try (KafkaProducer<String, byte[]> bad = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
        bad.send(new ProducerRecord<>(Topics.AUDIO_CHUNKS, fleet.config().sensorId(0), new byte[] {1, 2, 3})).get();
      }

      browser = chromium();
      JavascriptExecutor js = browser;
      long opened = System.nanoTime();
      browser.get(dashboard.url() + "#token=" + TOKEN);
      js.executeScript("const r = document.getElementById('reviewer'); r.value = arguments[0]; r.dispatchEvent(new Event('change'));", REVIEWER);

      // Live tags: every sensor's card shows its top scores.
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
      wait.until(b -> ((Number) js.executeScript(
          "return [...document.querySelectorAll('#grid .card')].filter(c => c.querySelector('.bar')).length")).intValue() >= SENSORS);
      double seconds = (System.nanoTime() - opened) / 1e9;
      System.out.printf("dashboard: live tags of %d sensors on the page %.1f s after it opened (tagger start-up included)%n",
          SENSORS, seconds);
      assertThat(seconds).as("live tags appear within seconds").isLessThan(60);
      screenshot(browser, shots.resolve("sensors.png"));

      // The spectrogram of a sensor: the canvas gets drawn with the sensor's audio.
      js.executeScript("document.querySelector('#grid .card').click()");
      wait.until(b -> litFraction(js) > 0.3);
      Thread.sleep(1500); // let the score plot and outlines catch up for the picture
      screenshot(browser, shots.resolve("sensor-view.png"));

      // An event with its end: play it (a second before and after) and confirm it.
      js.executeScript("document.querySelector('.tab[data-view=\"timeline\"]').click()");
      wait.until(b -> js.executeScript("return document.querySelector('.event-row[data-offset]:not([data-offset=\"\"])') != null"));
      @SuppressWarnings("unchecked")
      Map<String, Object> event = (Map<String, Object>) js.executeScript(
          "const r = document.querySelector('.event-row[data-offset]:not([data-offset=\"\"])');"
              + "const out = {sensor: r.dataset.sensor, label: r.dataset.label, onset: r.dataset.onset, offset: r.dataset.offset,"
              + " model: r.dataset.model};"
              + "r.querySelector('.act-play').click(); return out;");
      long onset = Long.parseLong((String) event.get("onset"));
      long offset = Long.parseLong((String) event.get("offset"));
      wait.until(b -> ((Number) js.executeScript("return document.getElementById('player').readyState")).intValue() >= 3);
      double duration = ((Number) js.executeScript("return document.getElementById('player').duration")).doubleValue();
      System.out.printf("dashboard: %s %s event of %.2f s plays as %.3f s of audio%n", event.get("sensor"), event.get("label"),
          (offset - onset) / 1e6, duration);
      assertThat(duration).isCloseTo((offset - onset) / 1e6 + 2, org.assertj.core.data.Offset.offset(0.01));
      screenshot(browser, shots.resolve("events.png"));

      js.executeScript("const rows = [...document.querySelectorAll('.event-row')].filter(r => r.dataset.onset === arguments[0]"
          + " && r.dataset.sensor === arguments[1] && r.dataset.label === arguments[2]); rows[0].querySelector('.act-confirm').click();",
          Long.toString(onset), event.get("sensor"), event.get("label"));
      wait.until(b -> js.executeScript("return document.getElementById('review-status').textContent").toString().startsWith("review sent"));

      LabelledClip clip = awaitClip(kafka.bootstrapServers(), (String) event.get("sensor"), onset, Duration.ofSeconds(30));
      assertThat(clip.getLabels()).containsExactly((String) event.get("label"));
      assertThat(clip.getNegative()).isFalse();
      assertThat(clip.getAnnotator()).isEqualTo(REVIEWER);
      assertThat(clip.getOriginEndMicros()).isEqualTo(offset);
      assertThat(clip.getOriginModelId()).isEqualTo(event.get("model"));
      assertThat(clip.getPcm16le().remaining() / 2.0 / clip.getSampleRate())
          .isCloseTo((offset - onset) / 1e6, org.assertj.core.data.Offset.offset(0.01));

      js.executeScript("document.querySelector('.tab[data-view=\"review\"]').click()");
      wait.until(b -> js.executeScript("return document.querySelector('#precision tr[data-label]') != null"));
      screenshot(browser, shots.resolve("review.png"));
      js.executeScript("document.querySelector('.tab[data-view=\"models\"]').click()");
      wait.until(b -> js.executeScript("return document.getElementById('deadletters').textContent").toString().contains("UNDECODABLE"));
      assertThat(js.executeScript("return document.getElementById('skipped').textContent").toString())
          .as("the dashboard's own feed skipped the bad chunk and went on").contains(Topics.AUDIO_CHUNKS);
      wait.until(b -> js.executeScript("return document.getElementById('releases').textContent").toString().contains("(current)")
          && js.executeScript("return document.getElementById('taggers').textContent").toString().contains(":1"));
      screenshot(browser, shots.resolve("models.png"));
    } finally {
      if (browser != null) {
        browser.quit();
      }
      lifecycle.closeAll();
    }
  }

  private ChromeDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--autoplay-policy=no-user-gesture-required", "--window-size=1400,1000",
        "--user-data-dir=" + dir.resolve("chromium-profile").toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1400, 1000));
    return driver;
  }

  /** Share of the spectrogram canvas's pixels brighter than its black background. */
  private static double litFraction(JavascriptExecutor js) {
    return ((Number) js.executeScript("const c = document.getElementById('spectrogram');"
        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let lit = 0;"
        + "for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 60) lit++;"
        + "return lit / (c.width * c.height);")).doubleValue();
  }

  private static void screenshot(ChromeDriver browser, Path file) throws java.io.IOException {
    Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private static LabelledClip awaitClip(String bootstrap, String sensor, long onset, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "browser-it-labels");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<LabelledClip> seen = new ArrayList<>();
    try (KafkaConsumer<String, LabelledClip> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        ContractSerdes.labelledClip().deserializer())) {
      consumer.subscribe(List.of(Topics.AUDIO_LABELS));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, LabelledClip> r : consumer.poll(Duration.ofMillis(500))) {
          seen.add(r.value());
          if (sensor.equals(r.value().getOriginSensorId()) && Long.valueOf(onset).equals(r.value().getOriginStartMicros())) {
            return r.value();
          }
        }
      }
    }
    throw new AssertionError("no labelled clip of " + sensor + " at " + onset + " on " + Topics.AUDIO_LABELS + "; saw " + seen.size());
  }
}
