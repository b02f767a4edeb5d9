package ai.brandtune.cli;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.Numbered;
import ai.brandtune.brand.corpus.PreferenceRecord;
import ai.brandtune.eval.EvalConfig;
import ai.brandtune.eval.JudgeCheck;
import ai.brandtune.eval.ModelLoader;
import ai.brandtune.judge.JudgeBackend;
import ai.brandtune.judge.LlmJudge;
import ai.brandtune.judge.RubricLoader;
import ai.brandtune.llm.LlmClient;
import ai.brandtune.train.ConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune eval judge-check}: each judge's reliability on the brand kit's preference eval
 * set, so a judge is trusted only after it separates chosen from rejected copies.
 */
@Command(
    name = "judge-check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Check the judges on the brand kit's preference eval set: chosen-over-rejected accuracy per"
          + " rejected type and score spread for every judge; for the LLM judge (llm section of"
          + " --config) also self-consistency, position-bias rate and agreement with the brand-rule"
          + " judge (Spearman, quadratic-weighted kappa)."
    })
final class EvalJudgeCheckCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "eval.yaml: its llm, rubrics_dir, judge_attempts, reward_model_path and brand_dir keys"
              + " are used; without it only the brand-rule judge is checked.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override an eval.yaml key (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Preference JSONL to check on instead of the kit's preference_eval.jsonl.")
  Path data;

  @Option(
      names = "--max-records",
      paramLabel = "N",
      description = "Check the first N records only (LLM judgments cost money).")
  Integer maxRecords;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs/judge-check",
      description = "Where judge_check.json and judge_check.md go.")
  Path out;

  @Override
  public Integer call() {
    EvalConfig c =
        config == null && overrides.isEmpty()
            ? null
            : ConfigFile.read(config, overrides, EvalConfig.class);
    BrandKit kit =
        c == null || c.brandDir() == null
            ? BrandKit.builtIn()
            : BrandKit.load(Path.of(c.brandDir()));
    List<PreferenceRecord> records =
        data == null
            ? JudgeCheck.kitRecords(kit)
            : CorpusFiles.readPreference(data).orThrow().stream().map(Numbered::value).toList();
    if (maxRecords != null) {
      records = records.subList(0, Math.min(maxRecords, records.size()));
    }
    ModelLoader.RewardModel rm =
        c != null && c.rewardModelPath() != null
            ? new CheckpointModels().openRewardModel(c.rewardModelPath(), c)
            : null;
    JudgeCheck.Report report;
    try {
      if (c != null && c.llm() != null) {
        try (LlmClient client = LlmClient.open(c.llm())) {
          LlmJudge judge =
              new LlmJudge(
                  JudgeBackend.of(client),
                  RubricLoader.load(c.rubricsDir() == null ? null : Path.of(c.rubricsDir())),
                  kit,
                  c.judgeAttempts(),
                  c.sampling().seed());
          report = JudgeCheck.run(kit, records, judge, rm);
        }
      } else {
        report = JudgeCheck.run(kit, records, null, rm);
      }
    } finally {
      if (rm != null) {
        rm.close();
      }
    }
    Path md = JudgeCheck.write(report, out);
    PrintWriter w = spec.commandLine().getOut();
    JudgeCheck.lines(report).forEach(w::println);
    w.println("written: " + md);
    w.flush();
    return CommandLine.ExitCode.OK;
  }
}
