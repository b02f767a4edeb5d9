package ai.brandtune.cli;

import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.reward.RewardScorer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune rm score}: rewards of copies, batched. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Score copies with a reward model: each is rendered with the model's chat template as the"
          + " assistant turn after its prompt, as in training, and scored in batches.",
      "Higher is better; rewards compare across copies of the same prompt (Bradley-Terry)."
    })
final class RmScoreCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin RewardModelOptions model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** A conversations file, or one prompt and one response. */
  static final class Input {
    @Option(
        names = "--messages",
        paramLabel = "FILE",
        description =
            "JSON conversation, or JSONL with one per line ([{role, content}, ...] or"
                + " {\"messages\": [...]}); the last message is the assistant copy to score.")
    Path messages;

    @ArgGroup(exclusive = false)
    Pair pair;
  }

  /** A single user prompt and response. */
  static final class Pair {
    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt.")
    String prompt;

    @Option(
        names = "--response",
        required = true,
        paramLabel = "TEXT",
        description = "The copy to score.")
    String response;
  }

  @Option(names = "--json", description = "Print one JSON object per copy: index, reward.")
  boolean json;

  @Override
  public Integer call() {
    List<List<ChatMessage>> prompts = new ArrayList<>();
    List<String> responses = new ArrayList<>();
    if (input.messages != null) {
      ScoredConversations c = ScoredConversations.read(input.messages, "--messages");
      prompts.addAll(c.prompts());
      responses.addAll(c.responses());
    } else {
      prompts.add(List.of(ChatMessage.user(input.pair.prompt)));
      responses.add(input.pair.response);
    }
    double[] rewards;
    try (RewardScorer scorer = model.open()) {
      rewards = scorer.score(prompts, responses);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < rewards.length; i++) {
      if (json) {
        ObjectNode n = Json.object();
        n.put("index", i);
        n.put("reward", rewards[i]);
        out.println(Json.line(n));
      } else {
        out.printf(Locale.ROOT, "%10.4f  %s%n", rewards[i], preview(responses.get(i)));
      }
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private static String preview(String text) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.codePointCount(0, one.length()) <= 60
        ? one
        : one.substring(0, one.offsetByCodePoints(0, 60)) + "…";
  }
}
