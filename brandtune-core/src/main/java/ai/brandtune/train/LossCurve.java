package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Draws {@code loss_curve.png} (training and evaluation loss by step) from {@code metrics.jsonl}.
 */
public final class LossCurve {
  public static final String FILE = "loss_curve.png";

  private LossCurve() {}

  public static void write(Path metricsFile, Path png) {
    System.setProperty("java.awt.headless", "true");
    List<Double> steps = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Double> evalSteps = new ArrayList<>();
    List<Double> evalLosses = new ArrayList<>();
    for (JsonNode r : MetricsLog.read(metricsFile)) {
      if (r.has("loss")) {
        steps.add(r.get("step").asDouble());
        losses.add(r.get("loss").asDouble());
      }
      if (r.has("eval_loss")) {
        evalSteps.add(r.get("step").asDouble());
        evalLosses.add(r.get("eval_loss").asDouble());
      }
    }
    if (steps.isEmpty()) {
      return;
    }
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title("Loss")
            .xAxisTitle("step")
            .yAxisTitle("loss")
            .build();
    chart
        .addSeries("train", steps, losses)
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    if (!evalSteps.isEmpty()) {
      chart.addSeries("eval", evalSteps, evalLosses);
    }
    try {
      String base = png.toString().replaceFirst("\\.png$", "");
      BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }
}
