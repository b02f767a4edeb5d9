package ai.brandtune.eval;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.judge.AbsoluteVerdict;
import ai.brandtune.judge.ComparativeOutcome;
import ai.brandtune.judge.JudgeBackend;
import ai.brandtune.judge.JudgeOutcome;
import ai.brandtune.judge.LlmJudge;
import ai.brandtune.judge.OfflineJudges;
import ai.brandtune.judge.OfflineScore;
import ai.brandtune.judge.RubricLoader;
import ai.brandtune.llm.LlmClient;
import ai.brandtune.report.ReportWriter;
import ai.brandtune.report.ResultRow;
import ai.brandtune.report.ResultsFile;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One eval run: every model writes its copies for the prompts (golden models look theirs up), one
 * model at a time in batches of {@code batch_size}, batch k sampled with seed {@code sampling.seed
 * + k * batch_size}; then each configured judge scores every copy. Writes into {@code output_dir}:
 * {@code outputs.jsonl}, {@code results.jsonl}, {@code results.csv}, {@code run.json} (the config,
 * sampling included, and the summary) and the report under {@code report/}.
 *
 * <p>Judging golden copies against themselves means nothing, so chrF skips golden models and their
 * LLM judgments are reference-free; comparisons include them as candidates like any model.
 */
public final class EvalRun {
  private static final Logger LOG = LoggerFactory.getLogger(EvalRun.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public static final String OUTPUTS = "outputs.jsonl";
  public static final String RESULTS = "results.jsonl";
  public static final String RESULTS_CSV = "results.csv";
  public static final String RUN = "run.json";
  public static final String REPORT_DIR = "report";

  private final EvalConfig config;
  private final ModelLoader loader;
  private final JudgeBackend llmBackend;
  private BrandKit kit;

  private EvalRun(EvalConfig config, ModelLoader loader, JudgeBackend llmBackend) {
    this.config = config;
    this.loader = loader;
    this.llmBackend = llmBackend;
  }

  /** Runs {@code config}, loading models with {@code loader} and judging through config's llm. */
  public static EvalResult run(EvalConfig config, ModelLoader loader) {
    if (!needsLlm(config)) {
      return new EvalRun(config, loader, null).execute();
    }
    try (LlmClient client = LlmClient.open(config.llm())) {
      EvalResult r = new EvalRun(config, loader, JudgeBackend.of(client)).execute();
      LOG.info("judge usage: {}", client.usage().summary());
      return r;
    }
  }

  /** Runs {@code config} with LLM judgments sent to {@code backend} (tests script it). */
  public static EvalResult run(EvalConfig config, ModelLoader loader, JudgeBackend backend) {
    return new EvalRun(config, loader, backend).execute();
  }

  private static boolean needsLlm(EvalConfig c) {
    return c.judges().contains(OfflineJudges.LLM)
        || c.judges().contains(OfflineJudges.LLM_COMPARATIVE);
  }

  private EvalResult execute() {
    kit =
        config.brandDir() == null ? BrandKit.builtIn() : BrandKit.load(Path.of(config.brandDir()));
    List<EvalPrompt> prompts =
        EvalPrompts.read(Path.of(config.prompts()), kit, config.maxPrompts());
    GoldenCopies golden = new GoldenCopies(kit);
    Path out = Path.of(config.outputDir());
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new BrandtuneException("output_dir: cannot create " + out + ": " + e.getMessage(), e);
    }
    LOG.info(
        "eval {}: {} prompts, {} models, judges {}",
        config.name(),
        prompts.size(),
        config.models().size(),
        config.judges());

    // model name -> copy per prompt (null where a golden copy is missing)
    Map<String, List<String>> copies = new LinkedHashMap<>();
    for (EvalConfig.ModelSpec spec : config.models()) {
      copies.put(
          spec.name(), spec.golden() ? goldenCopies(prompts, golden) : generate(spec, prompts));
    }
    Path outputs = out.resolve(OUTPUTS);
    writeOutputs(outputs, prompts, copies);

    List<ResultRow> rows = judge(kit, prompts, golden, copies);
    Path results = out.resolve(RESULTS);
    Path csv = out.resolve(RESULTS_CSV);
    ResultsFile.writeJsonl(results, rows);
    ResultsFile.writeCsv(csv, rows);
    Map<String, EvalResult.ModelSummary> summary = summarize(rows, prompts.size());
    writeRun(out.resolve(RUN), summary);
    Path report = ReportWriter.write(List.of(results), out.resolve(REPORT_DIR));
    LOG.info("eval {}: results {}, report {}", config.name(), results, report);
    return new EvalResult(results, csv, outputs, report, summary);
  }

  private List<String> goldenCopies(List<EvalPrompt> prompts, GoldenCopies golden) {
    List<String> out = new ArrayList<>();
    for (EvalPrompt p : prompts) {
      out.add(golden.forPrompt(p).orElse(null));
    }
    return out;
  }

  private List<String> generate(EvalConfig.ModelSpec spec, List<EvalPrompt> prompts) {
    List<String> out = new ArrayList<>();
    try (ModelLoader.CopyModel model = loader.openModel(spec, config)) {
      int b = config.batchSize();
      for (int start = 0; start < prompts.size(); start += b) {
        List<List<ChatMessage>> batch =
            prompts.subList(start, Math.min(prompts.size(), start + b)).stream()
                .map(EvalPrompt::messages)
                .toList();
        List<String> texts =
            model.generate(batch, config.sampling(), config.sampling().seed() + start);
        if (texts.size() != batch.size()) {
          throw new IllegalStateException(
              "model "
                  + spec.name()
                  + " returned "
                  + texts.size()
                  + " copies for "
                  + batch.size()
                  + " prompts");
        }
        out.addAll(texts.stream().map(String::strip).toList());
        LOG.info("{}: {} of {} prompts generated", spec.name(), out.size(), prompts.size());
      }
    }
    return out;
  }

  private List<ResultRow> judge(
      BrandKit kit,
      List<EvalPrompt> prompts,
      GoldenCopies golden,
      Map<String, List<String>> copies) {
    OfflineJudges offline = new OfflineJudges(kit);
    Map<String, EvalConfig.ModelSpec> specs = new LinkedHashMap<>();
    config.models().forEach(m -> specs.put(m.name(), m));
    List<ResultRow> rows = new ArrayList<>();
    for (String judge : config.judges()) {
      switch (judge) {
        case OfflineJudges.BRAND_RULES, OfflineJudges.FACTS, OfflineJudges.CHRF ->
            forEachCopy(
                prompts,
                copies,
                (p, model, copy) -> {
                  if (copy == null) {
                    rows.add(
                        failed(
                            p,
                            model,
                            judge,
                            "",
                            "no golden copy for this product and content type"));
                  } else if (judge.equals(OfflineJudges.BRAND_RULES)) {
                    rows.add(
                        row(
                            p,
                            model,
                            copy,
                            offline.brandRules(copy, p.productId(), p.contentType())));
                  } else if (judge.equals(OfflineJudges.FACTS)) {
                    rows.add(
                        row(p, model, copy, offline.facts(copy, p.productId(), p.contentType())));
                  } else {
                    Optional<String> ref = golden.forPrompt(p);
                    if (ref.isPresent() && !specs.get(model).golden()) {
                      rows.add(row(p, model, copy, OfflineJudges.chrf(copy, ref.get())));
                    }
                  }
                });
        case OfflineJudges.REWARD_MODEL -> rows.addAll(rewardRows(prompts, copies));
        case OfflineJudges.LLM -> rows.addAll(llmRows(kit, prompts, golden, copies, specs));
        case OfflineJudges.LLM_COMPARATIVE ->
            rows.addAll(comparativeRows(kit, prompts, golden, copies));
        default -> throw new IllegalStateException(judge);
      }
    }
    return rows;
  }

  private interface CopyVisitor {
    void visit(EvalPrompt p, String model, String copy);
  }

  private static void forEachCopy(
      List<EvalPrompt> prompts, Map<String, List<String>> copies, CopyVisitor v) {
    for (int i = 0; i < prompts.size(); i++) {
      for (var e : copies.entrySet()) {
        v.visit(prompts.get(i), e.getKey(), e.getValue().get(i));
      }
    }
  }

  private List<ResultRow> rewardRows(List<EvalPrompt> prompts, Map<String, List<String>> copies) {
    List<ResultRow> rows = new ArrayList<>();
    try (ModelLoader.RewardModel rm = loader.openRewardModel(config.rewardModelPath(), config)) {
      for (var e : copies.entrySet()) {
        List<List<ChatMessage>> ps = new ArrayList<>();
        List<String> cs = new ArrayList<>();
        List<EvalPrompt> which = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
          if (e.getValue().get(i) != null) {
            ps.add(prompts.get(i).messages());
            cs.add(e.getValue().get(i));
            which.add(prompts.get(i));
          }
        }
        double[] scores = ps.isEmpty() ? new double[0] : rm.score(ps, cs);
        for (int i = 0; i < which.size(); i++) {
          rows.add(
              row(
                  which.get(i),
                  e.getKey(),
                  cs.get(i),
                  new OfflineScore(
                      OfflineJudges.REWARD_MODEL, scores[i], Map.of(), Map.of(), List.of())));
        }
      }
    }
    return rows;
  }

  private LlmJudge llmJudge(BrandKit kit) {
    return new LlmJudge(
        llmBackend,
        RubricLoader.load(config.rubricsDir() == null ? null : Path.of(config.rubricsDir())),
        kit,
        config.judgeAttempts(),
        config.sampling().seed());
  }

  private List<ResultRow> llmRows(
      BrandKit kit,
      List<EvalPrompt> prompts,
      GoldenCopies golden,
      Map<String, List<String>> copies,
      Map<String, EvalConfig.ModelSpec> specs) {
    List<LlmJudge.Item> items = new ArrayList<>();
    List<EvalPrompt> itemPrompts = new ArrayList<>();
    List<String> itemModels = new ArrayList<>();
    forEachCopy(
        prompts,
        copies,
        (p, model, copy) -> {
          if (copy != null) {
            String ref =
                config.reference() && !specs.get(model).golden()
                    ? golden.forPrompt(p).orElse(null)
                    : null;
            items.add(
                new LlmJudge.Item(
                    p.id() + "/" + model, p.messages(), p.productId(), p.contentType(), copy, ref));
            itemPrompts.add(p);
            itemModels.add(model);
          }
        });
    List<JudgeOutcome<AbsoluteVerdict>> outcomes = llmJudge(kit).absolute(items);
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      LlmJudge.Item it = items.get(i);
      EvalPrompt p = itemPrompts.get(i);
      JudgeOutcome<AbsoluteVerdict> o = outcomes.get(i);
      if (!o.ok()) {
        rows.add(failed(p, itemModels.get(i), OfflineJudges.LLM, it.copy(), o.failure()));
        continue;
      }
      AbsoluteVerdict v = o.verdict();
      Map<String, Double> dims = new LinkedHashMap<>();
      v.scores().forEach((d, s) -> dims.put(d, s.doubleValue()));
      String rationale =
          v.rationale() + (v.capped().isEmpty() ? "" : " [capped: " + v.capped() + "]");
      rows.add(
          new ResultRow(
              config.name(),
              p.id(),
              p.productId(),
              p.contentType(),
              groupOf(p),
              itemModels.get(i),
              OfflineJudges.LLM,
              ResultRow.OK,
              v.mean(),
              dims,
              null,
              v.flaws(),
              rationale,
              null,
              it.copy(),
              ResultRow.lengthOf(it.copy()),
              null,
              null));
    }
    return rows;
  }

  private List<ResultRow> comparativeRows(
      BrandKit kit,
      List<EvalPrompt> prompts,
      GoldenCopies golden,
      Map<String, List<String>> copies) {
    List<LlmJudge.Comparison> comparisons = new ArrayList<>();
    List<EvalPrompt> which = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      EvalPrompt p = prompts.get(i);
      Map<String, String> candidates = new LinkedHashMap<>();
      for (var e : copies.entrySet()) {
        if (e.getValue().get(i) != null) {
          candidates.put(e.getKey(), e.getValue().get(i));
        }
      }
      if (candidates.size() >= 2) {
        // the golden copy is a candidate here, so it cannot also be the anchor
        boolean goldenCandidate = config.models().stream().anyMatch(EvalConfig.ModelSpec::golden);
        String ref =
            config.reference() && !goldenCandidate ? golden.forPrompt(p).orElse(null) : null;
        comparisons.add(
            new LlmJudge.Comparison(
                p.id(), p.messages(), p.productId(), p.contentType(), candidates, ref));
        which.add(p);
      }
    }
    List<ComparativeOutcome> outcomes = llmJudge(kit).compare(comparisons);
    List<ResultRow> rows = new ArrayList<>();
    for (int k = 0; k < comparisons.size(); k++) {
      LlmJudge.Comparison c = comparisons.get(k);
      EvalPrompt p = which.get(k);
      ComparativeOutcome o = outcomes.get(k);
      for (var cand : c.candidates().entrySet()) {
        if (!o.ok()) {
          rows.add(
              failed(
                  p, cand.getKey(), OfflineJudges.LLM_COMPARATIVE, cand.getValue(), o.failure()));
          continue;
        }
        Map<String, Double> dims = o.scores().get(cand.getKey());
        double mean = dims.values().stream().mapToDouble(d -> d).average().orElse(Double.NaN);
        rows.add(
            new ResultRow(
                config.name(),
                p.id(),
                p.productId(),
                p.contentType(),
                groupOf(p),
                cand.getKey(),
                OfflineJudges.LLM_COMPARATIVE,
                ResultRow.OK,
                mean,
                dims,
                null,
                o.flaws().get(cand.getKey()),
                "orders: " + o.orders(),
                null,
                cand.getValue(),
                ResultRow.lengthOf(cand.getValue()),
                cand.getKey().equals(o.winner()),
                o.positionFlip()));
      }
    }
    return rows;
  }

  private ResultRow row(EvalPrompt p, String model, String copy, OfflineScore s) {
    return new ResultRow(
        config.name(),
        p.id(),
        p.productId(),
        p.contentType(),
        groupOf(p),
        model,
        s.judge(),
        ResultRow.OK,
        s.score(),
        s.dimensions(),
        s.violations(),
        s.flaws(),
        null,
        null,
        copy,
        ResultRow.lengthOf(copy),
        null,
        null);
  }

  private ResultRow failed(EvalPrompt p, String model, String judge, String copy, String error) {
    return new ResultRow(
        config.name(),
        p.id(),
        p.productId(),
        p.contentType(),
        groupOf(p),
        model,
        judge,
        ResultRow.FAILED,
        null,
        null,
        null,
        null,
        null,
        error,
        copy,
        ResultRow.lengthOf(copy),
        null,
        null);
  }

  private String groupOf(EvalPrompt p) {
    return kit.requireContentType(p.contentType()).channel().id();
  }

  private Map<String, EvalResult.ModelSummary> summarize(List<ResultRow> rows, int prompts) {
    Map<String, EvalResult.ModelSummary> out = new LinkedHashMap<>();
    for (EvalConfig.ModelSpec m : config.models()) {
      Map<String, Double> byJudge = new LinkedHashMap<>();
      for (String j : config.judges()) {
        rows.stream()
            .filter(r -> r.model().equals(m.name()) && r.judge().equals(j) && r.ok())
            .mapToDouble(ResultRow::score)
            .average()
            .ifPresent(v -> byJudge.put(j, v));
      }
      int failed = (int) rows.stream().filter(r -> r.model().equals(m.name()) && !r.ok()).count();
      out.put(
          m.name(),
          new EvalResult.ModelSummary(
              m.name(),
              prompts,
              byJudge.getOrDefault(OfflineJudges.BRAND_RULES, Double.NaN),
              byJudge,
              failed));
    }
    return out;
  }

  private void writeOutputs(Path file, List<EvalPrompt> prompts, Map<String, List<String>> copies) {
    List<String> lines = new ArrayList<>();
    ObjectMapper plain = new ObjectMapper();
    for (int i = 0; i < prompts.size(); i++) {
      for (var e : copies.entrySet()) {
        ObjectNode n = plain.createObjectNode();
        n.put("prompt_id", prompts.get(i).id());
        n.put("product_id", prompts.get(i).productId());
        n.put("content_type", prompts.get(i).contentType());
        n.put("model", e.getKey());
        n.put("output", e.getValue().get(i));
        lines.add(n.toString());
      }
    }
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new BrandtuneException("cannot write " + file + ": " + ex.getMessage(), ex);
    }
  }

  private void writeRun(Path file, Map<String, EvalResult.ModelSummary> summary) {
    ObjectNode n = JSON.createObjectNode();
    n.set("config", JSON.valueToTree(config));
    n.set("summary", JSON.valueToTree(summary));
    try {
      Files.writeString(file, JSON.writeValueAsString(n), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
