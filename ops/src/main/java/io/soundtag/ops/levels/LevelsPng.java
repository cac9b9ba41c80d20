package io.soundtag.ops.levels;

import io.soundtag.core.acoustics.IntervalLevels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The picture of {@code soundtag levels}: the LAF time history above, each interval's third-octave spectrum below. */
final class LevelsPng {

  private static final int WIDTH = 1100;
  private static final int HEIGHT = 420;
  private static final int MAX_LEGEND = 12;

  private LevelsPng() {}

  static void write(Path path, String title, List<IntervalLevels> intervals) throws IOException {
    String unit = intervals.get(0).unit();
    XYChart history = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title + ": LAF every 100 ms, LAeq per interval")
        .xAxisTitle("time (s)").yAxisTitle("level (" + unit + ")").build();
    history.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    history.getStyler().setMarkerSize(0);
    List<Double> t = new ArrayList<>();
    List<Double> laf = new ArrayList<>();
    List<Double> eqT = new ArrayList<>();
    List<Double> eq = new ArrayList<>();
    for (IntervalLevels l : intervals) {
      double start = l.startSample() / (double) l.sampleRate();
      double[] samples = l.lafSamples();
      for (int i = 0; i < samples.length; i++) {
        t.add(start + Math.min(l.seconds(), (i + 1) * 0.1));
        laf.add(samples[i]);
      }
      eqT.add(start);
      eq.add(l.laeq());
      eqT.add(start + l.seconds());
      eq.add(l.laeq());
    }
    history.addSeries("LAF", t, laf).setMarker(SeriesMarkers.NONE);
    XYSeries leq = history.addSeries("LAeq", eqT, eq);
    leq.setMarker(SeriesMarkers.NONE);
    leq.setLineColor(Color.RED);

    XYChart spectrum = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Third-octave band levels (Z) per interval")
        .xAxisTitle("mid-band frequency (Hz)").yAxisTitle("band level (" + unit + ")").build();
    spectrum.getStyler().setXAxisLogarithmic(true);
    spectrum.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    spectrum.getStyler().setLegendVisible(intervals.size() <= MAX_LEGEND);
    spectrum.getStyler().setMarkerSize(4);
    for (IntervalLevels l : intervals) {
      List<Double> hz = new ArrayList<>();
      List<Double> level = new ArrayList<>();
      l.thirdOctave().forEach((band, v) -> {
        hz.add(Double.parseDouble(band));
        level.add(v);
      });
      double start = l.startSample() / (double) l.sampleRate();
      spectrum.addSeries(String.format("%.0f–%.0f s", start, start + l.seconds()), hz, level);
    }

    BufferedImage top = BitmapEncoder.getBufferedImage(history);
    BufferedImage bottom = BitmapEncoder.getBufferedImage(spectrum);
    BufferedImage both = new BufferedImage(WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    g.drawImage(top, 0, 0, null);
    g.drawImage(bottom, 0, HEIGHT, null);
    g.dispose();
    ImageIO.write(both, "png", path.toFile());
  }
}
