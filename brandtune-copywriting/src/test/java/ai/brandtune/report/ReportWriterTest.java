package ai.brandtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesParsableHtmlMarkdownAndCharts() throws Exception {
    Path html =
        ReportWriter.write(
            List.of(ReportStatsTest.fixture()),
            dir.resolve("report"),
            List.of(ReportStatsTest.fixture()));
    Document doc = parse(html);
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text)
        .contains(
            "Judge: brand_rules",
            "Judge: llm",
            "Pairwise win rates",
            "0.875",
            "Brand-rule violation rates",
            "25.0%",
            "Length statistics",
            "Prompts where models differ most",
            "Diff against the earlier run",
            "Failed judgments");
    assertThat(doc.getElementsByTagName("table").getLength()).isGreaterThan(8);
    for (String png :
        List.of("means_brand_rules.png", "means_llm.png", "violations.png", "lengths.png")) {
      Path p = dir.resolve("report").resolve(png);
      assertThat(p).exists();
      assertThat(ImageIO.read(p.toFile()).getWidth()).isEqualTo(900);
    }
    var imgs = doc.getElementsByTagName("img");
    for (int i = 0; i < imgs.getLength(); i++) {
      String src = imgs.item(i).getAttributes().getNamedItem("src").getNodeValue();
      assertThat(dir.resolve("report").resolve(src)).exists();
    }
    String md = Files.readString(dir.resolve("report").resolve(ReportWriter.MARKDOWN));
    assertThat(md).contains("| golden | a | 3 | 0 | 1 | 0.750 |");
  }

  static Document parse(Path html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    try (var in = Files.newInputStream(html)) {
      return f.newDocumentBuilder().parse(in);
    }
  }
}
