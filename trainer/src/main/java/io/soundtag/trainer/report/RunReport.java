package io.soundtag.trainer.report;

import io.soundtag.trainer.evaluation.EvaluationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report every training run leaves: {@code DIR/index.html} with PNG plots (loss and accuracy
 * curves per branch, confusion matrix, per-class AP), Gao et al.'s results table, the model
 * complexity and the run's settings, plus {@code history.json}, {@code metrics.json} and
 * {@code confusion.csv}.
 *
 * @param title heading, e.g. {@code "soundtag train — esc50, logmel+mfcc+cqt"}
 * @param history per-branch epoch records
 * @param evaluation test metrics of the model that is served (the distilled student)
 * @param results Gao et al.'s table rows (may be empty)
 * @param complexity size and cost of each network (may be empty)
 * @param settings run settings shown as a table (dataset, seeds, temperature, λ, ...)
 */
public record RunReport(
    String title,
    TrainingHistory history,
    EvaluationReport evaluation,
    List<ResultRow> results,
    List<ModelComplexity> complexity,
    Map<String, String> settings) {

  public RunReport {
    results = List.copyOf(results);
    complexity = List.copyOf(complexity);
    settings = new java.util.LinkedHashMap<>(settings);
  }

  /** Writes the report into {@code dir} (created if needed) and returns the path of index.html. */
  public Path writeTo(Path dir) {
    System.setProperty("java.awt.headless", "true");
    try {
      Files.createDirectories(dir);
      boolean loss = ReportCharts.curves(history, "Training loss per branch", "loss", EpochRecord::trainLoss,
          dir.resolve("loss.png"));
      boolean accuracy = ReportCharts.curves(history, "Validation accuracy per branch", "accuracy",
          EpochRecord::validationAccuracy, dir.resolve("accuracy.png"));
      boolean confusion = evaluation != null && evaluation.confusion() != null;
      boolean perClassAp = false;
      if (evaluation != null) {
        if (confusion) {
          ReportCharts.confusion(evaluation, dir.resolve("confusion.png"));
          evaluation.writeConfusionCsv(dir.resolve("confusion.csv"));
        }
        perClassAp = ReportCharts.perClassAp(evaluation, dir.resolve("per_class_ap.png"));
        evaluation.writeJson(dir.resolve("metrics.json"));
      }
      history.writeJson(dir.resolve("history.json"));
      writeResultsJson(dir.resolve("results.json"));
      Path index = dir.resolve("index.html");
      Files.writeString(index, html(loss, accuracy, confusion, perClassAp));
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir, e);
    }
  }

  /** The results table with every seed's figures: {@code [{model, training, accuracy_per_seed, map_at_3_per_seed}]}. */
  private void writeResultsJson(Path file) throws IOException {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (ResultRow r : results) {
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("model", r.model());
      row.put("training", r.training());
      row.put("accuracy_per_seed", r.accuracyPerSeed());
      row.put("map_at_3_per_seed", r.mapAt3PerSeed());
      rows.add(row);
    }
    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), rows);
  }

  /** Writes {@code confusion.csv} and {@code confusion.png} of a single-label evaluation into {@code dir}. */
  public static void writeConfusion(EvaluationReport evaluation, Path dir) {
    System.setProperty("java.awt.headless", "true");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    evaluation.writeConfusionCsv(dir.resolve("confusion.csv"));
    ReportCharts.confusion(evaluation, dir.resolve("confusion.png"));
  }

  private String html(boolean loss, boolean accuracy, boolean confusion, boolean perClassAp) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
            + "th{background:#f0f4f8}td:first-child,th:first-child{text-align:left}img{max-width:100%;display:block;margin:1em 0}"
            + ".best{font-weight:bold}</style></head><body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n<p>Written ").append(Instant.now()).append("</p>\n");
    if (!settings.isEmpty()) {
      h.append("<h2>Settings</h2>\n<table>");
      settings.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td style=\"white-space:pre-line\">").append(esc(v)).append("</td></tr>"));
      h.append("</table>\n");
    }
    if (evaluation != null) {
      h.append("<h2>Test metrics</h2>\n<table><tr><th>clips</th><th>accuracy</th><th>mAP@3</th><th>macro mAP</th>"
          + "<th>micro AUPRC</th></tr><tr>")
          .append(td(Integer.toString(evaluation.n()))).append(td(num(evaluation.accuracy())))
          .append(td(num(evaluation.mapAt3()))).append(td(num(evaluation.macroMap())))
          .append(td(num(evaluation.microAuprc()))).append("</tr></table>\n");
    }
    if (!results.isEmpty()) {
      h.append("<h2>Independent vs. distilled branches and the ensemble</h2>\n"
          + "<p>Mean ± standard deviation over seeds (Gao et al., Tables I–V).</p>\n"
          + "<table><tr><th>model</th><th>training</th><th>seeds</th><th>accuracy</th><th>mAP@3</th></tr>");
      for (ResultRow r : results) {
        h.append("<tr>").append(td(esc(r.model()))).append(td(esc(r.training())))
            .append(td(Integer.toString(Math.max(r.accuracyPerSeed().size(), r.mapAt3PerSeed().size()))))
            .append(td(pm(r.accuracyMean(), r.accuracySd()))).append(td(pm(r.mapAt3Mean(), r.mapAt3Sd())))
            .append("</tr>");
      }
      h.append("</table>\n");
    }
    if (loss) {
      h.append("<h2>Training loss</h2>\n<img src=\"loss.png\" alt=\"training loss per branch\">\n");
    }
    if (accuracy) {
      h.append("<h2>Validation accuracy</h2>\n<img src=\"accuracy.png\" alt=\"validation accuracy per branch\">\n");
    }
    if (confusion) {
      h.append("<h2>Confusion matrix</h2>\n<img src=\"confusion.png\" alt=\"confusion matrix\">\n"
          + "<p><a href=\"confusion.csv\">confusion.csv</a> (counts)</p>\n");
    }
    if (evaluation != null) {
      h.append("<h2>Average precision per class</h2>\n")
          .append(perClassAp ? "<img src=\"per_class_ap.png\" alt=\"per-class AP\">\n" : "<p>No class has a positive test clip.</p>\n")
          .append("<table><tr><th>class</th><th>AP</th></tr>");
      evaluation.perClassAp().forEach((k, v) -> h.append("<tr>").append(td(esc(k))).append(td(num(v))).append("</tr>"));
      h.append("</table>\n");
    }
    if (!complexity.isEmpty()) {
      h.append("<h2>Complexity</h2>\n<table><tr><th>model</th><th>parameters</th><th>MACs per window</th></tr>");
      for (ModelComplexity m : complexity) {
        h.append("<tr>").append(td(esc(m.model()))).append(td(String.format(Locale.ROOT, "%,d", m.parameters())))
            .append(td(String.format(Locale.ROOT, "%,d", m.macs()))).append("</tr>");
      }
      h.append("</table>\n");
    }
    h.append("<p>Data: <a href=\"history.json\">history.json</a>, <a href=\"results.json\">results.json</a> (every seed)")
        .append(evaluation != null ? ", <a href=\"metrics.json\">metrics.json</a>" : "").append("</p>\n");
    return h.append("</body></html>\n").toString();
  }

  private static String td(String s) {
    return "<td>" + s + "</td>";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
  }

  private static String pm(double mean, double sd) {
    return Double.isFinite(mean) ? String.format(Locale.ROOT, "%.4f ± %.4f", mean, sd) : "–";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
