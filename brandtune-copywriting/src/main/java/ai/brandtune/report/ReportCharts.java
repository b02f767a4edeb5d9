package ai.brandtune.report;

import ai.brandtune.BrandtuneException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The report's PNG charts (XChart, headless): grouped bars of a statistic per model. */
final class ReportCharts {
  private ReportCharts() {}

  /**
   * Grouped bar chart: one group per category, one bar per series (model); missing values are 0.
   *
   * @param values series to category to value
   * @return the file name written into {@code dir}
   */
  static String bars(
      Path dir,
      String fileName,
      String title,
      String yTitle,
      List<String> categories,
      Map<String, Map<String, Double>> values) {
    System.setProperty("java.awt.headless", "true");
    CategoryChart chart =
        new CategoryChartBuilder().width(900).height(500).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
    for (var series : values.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (String c : categories) {
        Double v = series.getValue().get(c);
        ys.add(v == null || v.isNaN() ? 0.0 : v);
      }
      chart.addSeries(series.getKey(), categories, ys);
    }
    try {
      String base = dir.resolve(fileName).toString().replaceFirst("\\.png$", "");
      BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new BrandtuneException(
          "cannot write chart " + dir.resolve(fileName) + ": " + e.getMessage(), e);
    }
    return fileName;
  }
}
