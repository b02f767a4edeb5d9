package ai.brandtune.train.reward;

import ai.brandtune.BrandtuneException;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;

/**
 * Draws the distributions of chosen and rejected rewards on shared bins as a PNG: a good reward
 * model shows two humps apart; overlap is where it confuses on-brand copy with defective copy.
 */
public final class ScoreHistogram {
  public static final String FILE = "score_histogram.png";
  private static final int BINS = 30;

  private ScoreHistogram() {}

  public static void write(List<RewardEvaluation.Scored> scored, Path png) {
    System.setProperty("java.awt.headless", "true");
    List<List<Double>> series = RewardEvaluation.chosenAndRejected(scored);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<Double> s : series) {
      for (double v : s) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (series.get(0).isEmpty()) {
      return;
    }
    if (max - min < 1e-9) {
      min -= 0.5;
      max += 0.5;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(800)
            .height(500)
            .title("Reward scores (" + scored.size() + " examples)")
            .xAxisTitle("reward")
            .yAxisTitle("copies")
            .build();
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setAvailableSpaceFill(0.96);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setXAxisDecimalPattern("#0.00");
    chart.getStyler().setYAxisDecimalPattern("#0");
    chart
        .getStyler()
        .setSeriesColors(new Color[] {new Color(0, 128, 0, 160), new Color(200, 0, 0, 120)});
    Histogram chosen = new Histogram(series.get(0), BINS, min, max);
    Histogram rejected = new Histogram(series.get(1), BINS, min, max);
    chart.addSeries("chosen", chosen.getxAxisData(), chosen.getyAxisData());
    chart.addSeries("rejected", rejected.getxAxisData(), rejected.getyAxisData());
    try {
      String base = png.toString().replaceFirst("\\.png$", "");
      BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + png + ": " + e.getMessage(), e);
    }
  }
}
