package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.llm.ScriptedChatServer;
import ai.brandtune.report.ResultRow;
import ai.brandtune.report.ResultsFile;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * End to end: two tiny random models plus the golden copies on three prompts, judged offline and by
 * an LLM judge served by a local scripted OpenAI-compatible server; then the report and the judge
 * check through the CLI.
 */
class EvalCommandTest {
  private static final List<String> DIMENSIONS =
      List.of(
          "authenticity_immersion",
          "value_engagement",
          "brand_fit",
          "instruction_following",
          "professionalism_persuasion",
          "clarity_value",
          "trust_building",
          "suitability_brevity",
          "click_appeal",
          "cta_effectiveness",
          "factual_accuracy");
  private static final Pattern LABEL = Pattern.compile("【候选 ([A-Z])】");

  @TempDir Path dir;

  private static String scores(int value) {
    List<String> parts = new ArrayList<>();
    DIMENSIONS.forEach(d -> parts.add("\"" + d + "\"：" + value));
    return "{" + String.join("，", parts) + "}";
  }

  /** Absolute: a fenced answer with prose and full-width punctuation; comparative: always A. */
  static String judge(JsonNode body) {
    String user = ScriptedChatServer.user(body);
    Matcher m = LABEL.matcher(user);
    List<String> labels = new ArrayList<>();
    while (m.find()) {
      labels.add(m.group(1));
    }
    if (labels.isEmpty()) {
      int score = user.contains("【参考文案】") ? 3 : 4;
      return "评审如下：\n```json\n{\"flaws\"：[\"缺少具体浓度\"]，\"scores\"："
          + scores(score)
          + "，\"rationale\"：\"一般\"}\n```\n以上。";
    }
    List<String> parts = new ArrayList<>();
    labels.forEach(
        l -> parts.add("\"" + l + "\": " + scores(3).replace('：', ':').replace('，', ',')));
    return "{\"flaws\": {}, \"scores\": {" + String.join(", ", parts) + "}, \"best\": \"A\"}";
  }

  private Path prompts() throws Exception {
    // short prompts: the tiny model's context is 2048 byte-level tokens, less than a full brief
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (String[] pt :
        List.of(
            new String[] {"P001", "social_media_educational"},
            new String[] {"P002", "paid_ad_pas"},
            new String[] {"P003", "ecommerce_long_form"})) {
      ObjectNode n = json.createObjectNode();
      var prompt = n.putArray("prompt");
      for (ChatMessage msg :
          List.of(
              ChatMessage.system("你是品牌文案撰稿人。"), ChatMessage.user("为 " + pt[0] + " 写一篇 " + pt[1]))) {
        prompt.addObject().put("role", msg.role()).put("content", msg.content());
      }
      n.putObject("meta").put("product_id", pt[0]).put("content_type", pt[1]);
      lines.add(n.toString());
    }
    Path file = dir.resolve("val.jsonl");
    Files.write(file, lines);
    return file;
  }

  private Path tinyModel(String name, String seed) {
    Path out = dir.resolve(name);
    CliRun run =
        CliRun.of("init-model", "--output", out.toString(), "--preset", "tiny", "--seed", seed);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  @Test
  void evaluatesTwoTinyModelsAndGoldenWithAnLlmJudgeThenReports() throws Exception {
    Path m1 = tinyModel("tiny1", "1");
    Path m2 = tinyModel("tiny2", "2");
    Path out = dir.resolve("run");
    try (ScriptedChatServer server = new ScriptedChatServer(EvalCommandTest::judge)) {
      Path yaml = dir.resolve("eval.yaml");
      Files.writeString(
          yaml,
          "models:\n"
              + "  - {name: golden, kind: golden}\n"
              + "  - {name: tiny-a, kind: model, path: "
              + m1
              + "}\n"
              + "  - {name: tiny-b, kind: model, path: "
              + m2
              + "}\n"
              + "prompts: "
              + prompts()
              + "\n"
              + "judges: [brand_rules, facts, chrf, llm, llm_comparative]\n"
              + "llm: {base_url: "
              + server.baseUrl()
              + ", model: judge, cache: false, progress: false, max_attempts: 1}\n"
              + "sampling: {temperature: 0.8, top_p: 0.95, max_new_tokens: 6, seed: 5}\n"
              + "batch_size: 2\n"
              + "device: cpu\n"
              + "output_dir: "
              + out
              + "\n");
      CliRun run = CliRun.of("eval", "--config", yaml.toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("tiny-a:", "brand_rules", "report: ");

      List<ResultRow> rows = ResultsFile.read(out.resolve("results.jsonl"));
      // 3 prompts x 3 models x (brand_rules, facts, llm, llm_comparative) + chrf for 2 models
      assertThat(rows).hasSize(3 * 3 * 4 + 3 * 2);
      assertThat(rows).allMatch(ResultRow::ok);
      // models judged against the golden reference get 3, golden itself (reference-free) 4
      assertThat(rows.stream().filter(r -> r.judge().equals("llm") && r.model().equals("golden")))
          .allMatch(r -> r.dimensions().get("factual_accuracy") <= 4.0);
      assertThat(rows.stream().filter(r -> r.judge().equals("llm_comparative")))
          .allMatch(r -> Boolean.TRUE.equals(r.positionFlip()) && Boolean.FALSE.equals(r.best()));
      // 9 absolute judgments + 3 comparisons in 2 orders
      assertThat(server.requests()).hasSize(9 + 6);
      assertThat(Files.readAllLines(out.resolve("results.csv")).get(0)).startsWith("run,prompt_id");

      Document report = parse(out.resolve("report").resolve("report.html"));
      assertThat(report.getDocumentElement().getTextContent())
          .contains("Judge: llm", "Position bias", "1.000");
      for (String png :
          List.of(
              "means_brand_rules.png",
              "means_llm.png",
              "means_llm_comparative.png",
              "violations.png",
              "lengths.png")) {
        assertThat(out.resolve("report").resolve(png)).isNotEmptyFile();
      }

      CliRun rep =
          CliRun.of(
              "report",
              out.resolve("results.jsonl").toString(),
              "--out",
              dir.resolve("rep").toString(),
              "--diff",
              out.resolve("results.jsonl").toString());
      assertThat(rep.exitCode()).as(rep.err()).isZero();
      assertThat(
              parse(dir.resolve("rep").resolve("report.html"))
                  .getDocumentElement()
                  .getTextContent())
          .contains("Diff against the earlier run");

      CliRun check =
          CliRun.of(
              "eval",
              "judge-check",
              "--config",
              yaml.toString(),
              "--max-records",
              "4",
              "--out",
              dir.resolve("check").toString());
      assertThat(check.exitCode()).as(check.err()).isZero();
      assertThat(check.out())
          .contains("## brand_rules", "## llm", "position-bias rate: 100.0%", "self-consistency");
      assertThat(dir.resolve("check").resolve("judge_check.json")).isNotEmptyFile();
    }
  }

  @Test
  void offlineJudgeCheckAndMissingResultsFile() {
    CliRun check = CliRun.of("eval", "judge-check", "--out", dir.resolve("c").toString());
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out()).contains("chosen > rejected (exaggerated)").doesNotContain("## llm");

    CliRun rep =
        CliRun.of(
            "report", dir.resolve("nope.jsonl").toString(), "--out", dir.resolve("r").toString());
    assertThat(rep.exitCode()).isNotZero();
    assertThat(rep.err()).contains("nope.jsonl");
  }

  static Document parse(Path html) throws Exception {
    try (var in = Files.newInputStream(html)) {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }
}
