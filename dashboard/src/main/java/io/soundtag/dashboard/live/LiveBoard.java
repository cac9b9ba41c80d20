package io.soundtag.dashboard.live;

import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.TaggerStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The dashboard's memory of the fleet: records from the live topics in, snapshots out.
 *
 * <p>Everything is bounded: each sensor keeps its last {@link #WINDOWS_PER_SENSOR} windows, the
 * timeline its last {@link #EVENTS_KEPT} events, and at most {@link #MAX_SENSORS} sensors are
 * tracked (more are counted as skipped), so a flood of keys cannot exhaust the heap. Thread-safe:
 * the feed writes while the web server reads.
 */
public final class LiveBoard {

  /** Windows kept per sensor: two minutes at the default hop of half a second. */
  public static final int WINDOWS_PER_SENSOR = 240;
  /** Sound events kept for the timeline. */
  public static final int EVENTS_KEPT = 5000;
  /** Sensors tracked at most. */
  public static final int MAX_SENSORS = 5000;
  /** Windows in a card's LAeq sparkline. */
  public static final int SPARKLINE_WINDOWS = 60;
  /** Releases kept (the oldest go first). */
  public static final int RELEASES_KEPT = 1000;
  /** Tagger instances tracked at most. */
  public static final int MAX_TAGGERS = 1000;
  /** Longest sensor id, label or reason kept; longer ones are cut. */
  static final int MAX_NAME = 200;

  private final SignaturePolicy signatures;
  private final Map<String, SensorTrack> sensors = new TreeMap<>();
  private final LinkedHashMap<String, EventView> events = new LinkedHashMap<>();
  private final Map<String, Long> deadLettersByReason = new TreeMap<>();
  private final Map<String, Long> skipped = new TreeMap<>();
  private final Map<String, ReleaseView> releases = new LinkedHashMap<>();
  private final Map<String, Long> servable = new HashMap<>();
  private final Map<String, TaggerView> taggers = new TreeMap<>();
  private final Map<String, Double> lowestTaggedScore = new HashMap<>();
  private long eventSeq;

  /** A board on which releases' signatures are neither checked nor required. */
  public LiveBoard() {
    this(SignaturePolicy.NONE);
  }

  /** A board that shows a release whose signature {@code signatures} refuses as refused, and never as current. */
  public LiveBoard(SignaturePolicy signatures) {
    this.signatures = Objects.requireNonNull(signatures, "signatures");
  }

  /** A TagEvent from the tags topic. */
  public synchronized void onTag(TagEvent tag) {
    SensorTrack track = track(tag.getSensorId());
    if (track == null) {
      return;
    }
    WindowView w = new WindowView(tag.getWindowStartMicros(), tag.getWindowEndMicros(), scores(tag.getTags()),
        // TagEvents written before calibration existed carry no unit: their levels are dBFS.
        scores(tag.getTopK()), tag.getLaeqDb(), tag.getLaeqUnit() == null ? "dBFS" : tag.getLaeqUnit().toString(),
        cut(tag.getModelVersion()));
    track.windows.addLast(w);
    while (track.windows.size() > WINDOWS_PER_SENSOR) {
      track.windows.removeFirst();
    }
    track.windowCount++;
    for (Score s : w.tags()) {
      lowestTaggedScore.merge(s.label(), s.score(), Math::min);
    }
  }

  /** A SoundEvent; a later record of the same sound (its offset) replaces the earlier one. */
  public synchronized void onEvent(SoundEvent e) {
    String sensor = cut(e.getSensorId());
    String label = cut(e.getLabel());
    String key = sensor + '\u0000' + label + '\u0000' + e.getOnsetMicros();
    events.remove(key);
    events.put(key, new EventView(++eventSeq, sensor, label, e.getOnsetMicros(), e.getOffsetMicros(),
        e.getPeakScore(), cut(e.getModelVersion())));
    Iterator<String> oldest = events.keySet().iterator();
    while (events.size() > EVENTS_KEPT) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * A chunk seen on the audio topic (only its header matters here).
   *
   * @param sequence its per-sensor sequence number
   * @param captureEndMicros capture time just after its last sample
   */
  public synchronized void onChunk(String sensorId, long sequence, long captureEndMicros) {
    SensorTrack track = track(sensorId);
    if (track == null) {
      return;
    }
    if (track.chunks > 0 && sequence > track.lastSequence + 1) {
      track.gaps += sequence - track.lastSequence - 1;
    }
    track.lastSequence = Math.max(track.lastSequence, sequence);
    track.lastCaptureEndMicros = Math.max(track.lastCaptureEndMicros, captureEndMicros);
    track.chunks++;
  }

  /** A dead letter: counted by reason, and against its sensor when its key names one we know. */
  public synchronized void onDeadLetter(DeadLetter d) {
    deadLettersByReason.merge(cut(d.getReasonCode()), 1L, Long::sum);
    ByteBuffer key = d.getOriginalKey();
    if (key != null && key.remaining() <= MAX_NAME) {
      ByteBuffer k = key.duplicate();
      byte[] bytes = new byte[k.remaining()];
      k.get(bytes);
      SensorTrack track = track(new String(bytes, StandardCharsets.UTF_8));
      if (track != null) {
        track.deadLetters++;
      }
    }
  }

  /** A model release (decoded by the release envelope); its bundle bytes are not kept. */
  public synchronized void onRelease(ModelRelease r) {
    String refusal = null;
    try {
      // With no trusted key there is nothing to check (and the taggers check the rest when they open it).
      if (!signatures.trusted().isEmpty()) {
        ReleaseEnvelope.checkSignature(r, signatures);
      }
    } catch (InvalidReleaseException e) {
      refusal = e.reason() + ": " + e.getMessage();
      skipped.merge("release-" + e.reason().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
    String signature = refusal != null ? cut(refusal)
        : r.getSignature() == null ? "unsigned" : cut("signed by key " + r.getSignature().getKeyId());
    String deployment = cut(ReleaseEnvelope.deployment(r));
    ReleaseView v = new ReleaseView(deployment, r.getRelease(), r.getParentRelease(), r.getDecision().name(),
        cut(ReleaseEnvelope.id(r).toString()), cut(r.getModelName() + ':' + r.getVersion()), r.getCreatedAtMillis(), cut(r.getCreatedBy()), r.getClasses(),
        r.getGateMetrics(), r.getParentGateMetrics(), r.getRecipe(), r.getBundle() == null ? 0 : r.getBundle().remaining(),
        false, signature);
    releases.put(ReleaseEnvelope.key(r), v);
    if (ReleaseEnvelope.servable(r) && refusal == null) {
      servable.merge(deployment, r.getRelease(), Math::max);
    }
    while (releases.size() > RELEASES_KEPT) {
      releases.remove(releases.keySet().iterator().next());
    }
  }

  /** A tagger instance's heartbeat; the latest one per instance is kept. */
  public synchronized void onStatus(TaggerStatus s) {
    if (taggers.size() >= MAX_TAGGERS && !taggers.containsKey(s.getInstanceId())) {
      skipped.merge("taggers-over-limit", 1L, Long::sum);
      return;
    }
    taggers.put(cut(s.getInstanceId()), new TaggerView(cut(s.getInstanceId()), cut(s.getDeployment()),
        cut(s.getServedModelId()), s.getServedRelease(), cut(s.getStreamState()), s.getTasks(), s.getHeartbeatMillis(),
        s.getSwaps(), s.getRefusals(), s.getLastSwap(), s.getLastRefusal()));
  }

  /** A record on {@code topic} that could not be read. */
  public synchronized void onSkipped(String topic) {
    skipped.merge(topic, 1L, Long::sum);
  }

  /** The grid, the dead letters and the releases at {@code nowMillis}. */
  public synchronized BoardSnapshot snapshot(long nowMillis) {
    List<SensorCard> cards = new ArrayList<>(sensors.size());
    Map<String, String> served = new TreeMap<>();
    for (SensorTrack t : sensors.values()) {
      WindowView latest = t.windows.peekLast();
      List<Double> spark = new ArrayList<>(SPARKLINE_WINDOWS);
      int skip = Math.max(0, t.windows.size() - SPARKLINE_WINDOWS);
      for (WindowView w : t.windows) {
        if (skip-- <= 0) {
          spark.add(w.laeqDb());
        }
      }
      Long age = t.chunks == 0 ? null : nowMillis - t.lastCaptureEndMicros / 1000;
      cards.add(new SensorCard(t.sensorId, latest, spark, age, t.chunks, t.gaps, t.deadLetters, t.windowCount));
      if (latest != null) {
        served.put(t.sensorId, latest.modelVersion());
      }
    }
    List<ReleaseView> rel = new ArrayList<>();
    for (ReleaseView r : releases.values()) {
      rel.add(r.withCurrent(Long.valueOf(r.release()).equals(servable.get(r.deployment()))));
    }
    rel.sort(Comparator.comparing(ReleaseView::deployment).thenComparing(Comparator.comparingLong(ReleaseView::release).reversed()));
    return new BoardSnapshot(nowMillis, cards, Map.copyOf(deadLettersByReason), Map.copyOf(skipped), rel,
        List.copyOf(taggers.values()), served, eventSeq);
  }

  /** Events newest first, optionally only of one sensor and one label (null: any), at most {@code limit}. */
  public synchronized List<EventView> events(String sensorId, String label, long afterSeq, int limit) {
    List<EventView> out = new ArrayList<>();
    List<EventView> all = new ArrayList<>(events.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      EventView e = all.get(i);
      if (e.seq() > afterSeq && (sensorId == null || sensorId.equals(e.sensorId()))
          && (label == null || label.equals(e.label()))) {
        out.add(e);
      }
    }
    return out;
  }

  /** A sensor's recent windows, oldest first (empty for an unknown sensor). */
  public synchronized List<WindowView> windows(String sensorId) {
    SensorTrack t = sensors.get(sensorId);
    return t == null ? List.of() : List.copyOf(t.windows);
  }

  /** Every tracked sensor's newest window, by sensor (sensors without windows are left out). */
  public synchronized Map<String, WindowView> newestWindows() {
    Map<String, WindowView> out = new TreeMap<>();
    sensors.forEach((id, t) -> {
      if (!t.windows.isEmpty()) {
        out.put(id, t.windows.peekLast());
      }
    });
    return out;
  }

  /** Every tracked sensor's recent windows. */
  public synchronized Map<String, List<WindowView>> allWindows() {
    Map<String, List<WindowView>> out = new TreeMap<>();
    sensors.forEach((id, t) -> out.put(id, List.copyOf(t.windows)));
    return out;
  }

  /**
   * Per label, the lowest score seen among windows that carried it as a tag: the label's threshold
   * is at most this, and an untagged score below it is under the threshold.
   */
  public synchronized Map<String, Double> lowestTaggedScores() {
    return Map.copyOf(lowestTaggedScore);
  }

  /** Labels seen in any window's top scores or any event, sorted. */
  public synchronized List<String> labels() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    sensors.values().forEach(t -> t.windows.forEach(w -> w.topK().forEach(s -> out.add(s.label()))));
    events.values().forEach(e -> out.add(e.label()));
    releases.values().forEach(r -> out.addAll(r.classes()));
    return List.copyOf(out);
  }

  private SensorTrack track(String sensorId) {
    String id = cut(sensorId == null ? "" : sensorId);
    SensorTrack t = sensors.get(id);
    if (t == null) {
      if (sensors.size() >= MAX_SENSORS) {
        skipped.merge("sensors-over-limit", 1L, Long::sum);
        return null;
      }
      t = new SensorTrack(id);
      sensors.put(id, t);
    }
    return t;
  }

  private static List<Score> scores(List<LabelScore> in) {
    List<Score> out = new ArrayList<>(in.size());
    for (LabelScore s : in) {
      out.add(new Score(cut(s.getLabel()), s.getScore()));
    }
    return out;
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
  }

  private static final class SensorTrack {
    final String sensorId;
    final ArrayDeque<WindowView> windows = new ArrayDeque<>();
    long windowCount;
    long chunks;
    long lastSequence = -1;
    long lastCaptureEndMicros;
    long gaps;
    long deadLetters;

    SensorTrack(String sensorId) {
      this.sensorId = sensorId;
    }
  }
}
