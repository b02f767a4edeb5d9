package ai.brandtune.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonExtractionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fenced",
        "trailing_prose",
        "leading_prose_braces",
        "chinese_punctuation",
        "mixed_quotes",
        "trailing_comma",
        "no_json"
      })
  void extractsTheObjectFromMessyJudgeOutput(String name) throws IOException {
    String text = resource(name + ".txt");
    String expected = resource(name + ".expected.json").strip();
    Optional<ObjectNode> found = JsonExtraction.extract(text);
    if (expected.equals("NONE")) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).contains((ObjectNode) JSON.readTree(expected));
    }
  }

  @org.junit.jupiter.api.Test
  void chineseQuotesInsideAnAsciiStringStayText() {
    assertThat(JsonExtraction.normalizePunctuation("{\"a\"：\"说“好”，行\"}"))
        .isEqualTo("{\"a\":\"说“好”，行\"}");
    assertThat(JsonExtraction.extract("结果：{“a”：[1，2]}").orElseThrow().get("a").size()).isEqualTo(2);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonExtractionTest.class.getResourceAsStream("messy/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
