package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.PreferenceEncodedDataset;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.train.reward.RewardEvaluation;
import ai.brandtune.train.reward.RewardScorer;
import ai.brandtune.train.reward.ScoreHistogram;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune rm eval}: how well a reward model ranks the copies of a preference set. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Evaluate a reward model on preference JSONL: pairwise accuracy (overall and by"
          + " rejected_type), best-of-K accuracy (chosen above all its rejected), mean margin,"
          + " the reward-length correlation of chosen copies, and a score histogram (PNG)."
    })
final class RmEvalCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin RewardModelOptions model;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Preference JSONL (prompt, chosen, rejected, rejected_type); repeatable.")
  List<Path> data = new ArrayList<>();

  @Option(
      names = "--brand-eval",
      description =
          "Also evaluate on the brand kit's preference_eval.jsonl (the built-in kit, or --kit DIR):"
              + " accuracy by weak / exaggerated / fabricated.")
  boolean brandEval;

  @Mixin KitOptions kit;

  @Option(
      names = "--histogram",
      defaultValue = ScoreHistogram.FILE,
      paramLabel = "PNG",
      description = "Where to draw the chosen and rejected score distributions.")
  Path histogram;

  @Option(
      names = "--on-bad-record",
      defaultValue = "error",
      paramLabel = "POLICY",
      description = "error: stop at the first bad record; skip: skip and count them.")
  String onBadRecord;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    BadRecordPolicy policy = BadRecordPolicy.parse(onBadRecord, "--on-bad-record");
    if (brandEval) {
      data.add(BrandEvalSet.file(kit.source()));
    }
    if (data.isEmpty()) {
      throw new BrandtuneException("rm eval: give --data FILE or --brand-eval");
    }
    PreferenceDataset dataset = PreferenceDataset.read(data, policy);
    PrintWriter out = spec.commandLine().getOut();
    RewardEvaluation.Report report;
    PreferenceEncodedDataset encoded;
    try (RewardScorer scorer = model.open()) {
      encoded =
          new PreferenceEncoder(scorer.tokenizer(), model.scorerOptions().encoding())
              .encodeDataset(dataset.examples(), policy);
      List<EncodedPreference> examples = encoded.examples();
      if (examples.isEmpty()) {
        throw new ai.brandtune.BrandtuneException(
            "--data: no example to evaluate (" + encoded.summary() + ")");
      }
      List<RewardEvaluation.Scored> scored = scorer.scorePreferences(examples);
      report = RewardEvaluation.of(scored);
      ScoreHistogram.write(scored, histogram);
    }
    int skipped = dataset.badRecords().total() + encoded.badRecords().total();
    if (json) {
      ObjectNode n = Json.object();
      n.put("model", model.dir.toString());
      n.putPOJO("data", data.stream().map(Path::toString).toList());
      report.metrics().forEach(n::putPOJO);
      n.put("skipped_records", skipped);
      n.put("histogram", histogram.toString());
      out.println(Json.line(n));
    } else {
      print(out, report, skipped);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private void print(PrintWriter out, RewardEvaluation.Report r, int skipped) {
    out.printf(
        Locale.ROOT,
        "reward model %s on %s: %d examples, %d pairs%s%n",
        model.dir,
        data.size() == 1 ? data.get(0) : data,
        r.examples(),
        r.pairs(),
        skipped == 0 ? "" : " (" + skipped + " bad records skipped)");
    out.printf(Locale.ROOT, "%-22s %8.4f%n", "accuracy", r.accuracy());
    for (Map.Entry<String, RewardEvaluation.TypeAccuracy> e : r.byType().entrySet()) {
      out.printf(
          Locale.ROOT,
          "  %-20s %8.4f  (%d pairs)%n",
          e.getKey(),
          e.getValue().accuracy(),
          e.getValue().pairs());
    }
    out.printf(
        Locale.ROOT,
        "%-22s %8.4f  (random %.4f)%n",
        "best-of-K accuracy",
        r.bestOfKAccuracy(),
        r.bestOfKRandom());
    out.printf(Locale.ROOT, "%-22s %8.4f%n", "mean margin", r.margin());
    out.printf(
        Locale.ROOT,
        "%-22s %8.4f  (rejected %.4f)%n",
        "mean reward chosen",
        r.meanChosen(),
        r.meanRejected());
    out.printf(
        Locale.ROOT,
        "%-22s %8s  (Pearson, chosen copies)%n",
        "reward-length r",
        Double.isNaN(r.lengthCorrelation())
            ? "n/a"
            : String.format(Locale.ROOT, "%.4f", r.lengthCorrelation()));
    out.printf(Locale.ROOT, "%-22s %s%n", "histogram", histogram);
  }
}
