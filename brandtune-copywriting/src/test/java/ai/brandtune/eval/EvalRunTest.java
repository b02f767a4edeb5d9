package ai.brandtune.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.judge.JudgeReliability;
import ai.brandtune.report.ResultRow;
import ai.brandtune.report.ResultsFile;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.ConfigFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eval runs with scripted models and offline judges only: no API, no weights. */
class EvalRunTest {
  @TempDir Path dir;

  static Path writePrompts(Path dir, List<String[]> productAndType) throws Exception {
    BrandKit kit = BrandKit.builtIn();
    PromptBuilder builder = new PromptBuilder(kit);
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (String[] pt : productAndType) {
      ObjectNode n = json.createObjectNode();
      var prompt = n.putArray("prompt");
      for (ChatMessage m : builder.build(pt[0], pt[1])) {
        prompt.addObject().put("role", m.role()).put("content", m.content());
      }
      n.putObject("meta").put("product_id", pt[0]).put("content_type", pt[1]);
      lines.add(n.toString());
    }
    Path file = dir.resolve("val_prompts.jsonl");
    Files.write(file, lines);
    return file;
  }

  /** Writes a fixed copy: an on-brand note, or one with a banned word and an exclamation. */
  static final class FixedLoader implements ModelLoader {
    final List<Long> seeds = new ArrayList<>();

    @Override
    public CopyModel openModel(EvalConfig.ModelSpec spec, EvalConfig config) {
      return new CopyModel() {
        @Override
        public List<String> generate(
            List<List<ChatMessage>> prompts, EvalConfig.Sampling s, long seed) {
          seeds.add(seed);
          String copy = spec.path().contains("bad") ? "这款精华是逆天神器！买它！" : "标题：屏障修护\n温和配方，科学修护屏障。";
          return prompts.stream().map(p -> copy).toList();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public RewardModel openRewardModel(String path, EvalConfig config) {
      return new RewardModel() {
        @Override
        public double[] score(List<List<ChatMessage>> prompts, List<String> copies) {
          return copies.stream().mapToDouble(String::length).toArray();
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void offlineJudgesAloneProduceResultsAndAFullReport() throws Exception {
    Path prompts =
        writePrompts(
            dir,
            List.of(
                new String[] {"P001", "social_media_educational"},
                new String[] {"P002", "paid_ad_pas"},
                new String[] {"P003", "ecommerce_long_form"}));
    Path yaml = dir.resolve("eval.yaml");
    Files.writeString(
        yaml,
        "models:\n"
            + "  - {name: golden, kind: golden}\n"
            + "  - {name: good, kind: model, path: good-ckpt}\n"
            + "  - {name: bad, kind: model, path: bad-ckpt}\n"
            + "prompts: "
            + prompts
            + "\n"
            + "judges: [brand_rules, facts, chrf, reward_model]\n"
            + "reward_model_path: rm\n"
            + "batch_size: 2\n"
            + "sampling: {temperature: 0.8, seed: 11}\n"
            + "output_dir: "
            + dir.resolve("out")
            + "\n");
    EvalConfig config = ConfigFile.read(yaml, List.of(), EvalConfig.class);
    assertThat(config.name()).isEqualTo("out");
    FixedLoader loader = new FixedLoader();
    EvalResult result = EvalRun.run(config, loader);

    // batches of 2 seeded by their first prompt's index, per model
    assertThat(loader.seeds).containsExactly(11L, 13L, 11L, 13L);
    List<ResultRow> rows = ResultsFile.read(result.results());
    // 3 prompts x 3 models x (brand_rules, facts, reward_model) + chrf for the 2 non-golden models
    assertThat(rows).hasSize(3 * 3 * 3 + 3 * 2);
    assertThat(rows).allMatch(ResultRow::ok);
    assertThat(rows).allMatch(r -> r.group() != null);
    assertThat(Files.readAllLines(result.resultsCsv())).hasSize(rows.size() + 1);
    assertThat(result.report()).exists();
    assertThat(result.report().getParent().resolve("violations.png")).exists();
    assertThat(result.report().getParent().resolve("means_brand_rules.png")).exists();
    assertThat(Files.readString(result.report())).contains("Pairwise win rates");
    assertThat(result.outputs()).exists();
    assertThat(Files.readString(dir.resolve("out").resolve(EvalRun.RUN)))
        .contains("\"temperature\" : 0.8");

    var s = result.models();
    assertThat(s.keySet()).containsExactly("golden", "good", "bad");
    assertThat(s.get("bad").meanBrandScore()).isLessThan(s.get("good").meanBrandScore());
    assertThat(s.get("golden").meanBrandScore()).isGreaterThan(s.get("bad").meanBrandScore());
    assertThat(
            rows.stream().filter(r -> r.model().equals("bad") && r.judge().equals("brand_rules")))
        .allMatch(r -> r.violations().get("banned"));
  }

  @Test
  void configErrorsNameTheKey() throws Exception {
    Path yaml = dir.resolve("eval.yaml");
    Files.writeString(
        yaml, "models:\n  - {name: m, kind: model}\nprompts: p.jsonl\noutput_dir: o\n");
    assertThatThrownBy(() -> ConfigFile.read(yaml, List.of(), EvalConfig.class))
        .hasMessageContaining("models[0] (m): kind model needs path");
    Files.writeString(
        yaml,
        "models:\n  - {name: g, kind: golden}\nprompts: p.jsonl\noutput_dir: o\njudges: [llm]\n");
    assertThatThrownBy(() -> ConfigFile.read(yaml, List.of(), EvalConfig.class))
        .hasMessageContaining("llm needs the llm section");
    Files.writeString(
        yaml, "models:\n  - {name: g}\nprompts: p.jsonl\noutput_dir: o\njudgez: [llm]\n");
    assertThatThrownBy(() -> ConfigFile.read(yaml, List.of(), EvalConfig.class))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("judgez");
  }

  @Test
  void offlineBrandRuleJudgeRanksChosenAboveRejectedOnThePreferenceSet() {
    BrandKit kit = BrandKit.builtIn();
    JudgeCheck.Report report = JudgeCheck.run(kit, JudgeCheck.kitRecords(kit), null, null);
    JudgeCheck.JudgeStats brand = report.judge("brand_rules");
    assertThat(report.records()).isEqualTo(120);
    // the thresholds the shipped kit's preference evaluation requires
    assertThat(brand.accuracyByType().get("exaggerated").accuracy()).isGreaterThanOrEqualTo(0.95);
    assertThat(brand.accuracyByType().get("fabricated").accuracy()).isGreaterThanOrEqualTo(0.90);
    assertThat(brand.accuracyByType().get("weak").accuracy()).isGreaterThan(0.5);
    // and agrees record for record with the brand kit's own preference evaluation
    var kitEval =
        ai.brandtune.brand.corpus.PreferenceEvaluation.evaluate(
            kit,
            new ai.brandtune.brand.check.BrandChecker(kit),
            ai.brandtune.brand.corpus.CorpusFiles.readPreference(
                    "preference_eval.jsonl",
                    kit.source().read(ai.brandtune.brand.KitFiles.PREFERENCE_EVAL).orElseThrow())
                .orThrow());
    kitEval
        .byType()
        .forEach(
            (type, st) ->
                assertThat(brand.accuracyByType().get(type).correct())
                    .as(type)
                    .isEqualTo(st.rankedAbove()));
    JudgeReliability.Spread spread = brand.spread();
    assertThat(spread.distinctScores()).isGreaterThan(10);
    Path md = JudgeCheck.write(report, dir);
    assertThat(md).content().contains("chosen > rejected (fabricated)");
  }
}
