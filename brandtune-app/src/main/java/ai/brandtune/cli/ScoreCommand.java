package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.HfTokenizer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune score}: per-token log-probabilities and perplexity of a text. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Score a text under a model: each token's log-probability given the tokens before it,"
          + " and the perplexity exp(-mean logprob).",
      "The text is tokenized as is (no special tokens added); the first token has no score."
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Exactly one of a literal text or a conversation file. */
  static final class Input {
    @Option(names = "--text", paramLabel = "TEXT", description = "The text to score.")
    String text;

    @Option(
        names = "--messages",
        paramLabel = "FILE",
        description =
            "JSON array of {role, content} messages, rendered with the chat template"
                + " (no generation prompt).")
    Path messages;
  }

  @Option(
      names = "--json",
      description =
          "Print one JSON object: token_ids, tokens, logprobs, num_tokens, mean_logprob,"
              + " perplexity.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LoadedModel loaded = LoadedModel.load(model)) {
      HfTokenizer tokenizer = loaded.tokenizer();
      long[] ids = tokenizer.encode(textToScore(tokenizer));
      float[] logprobs = TokenScorer.logprobs(loaded.model(), ids);
      double perplexity = TokenScorer.perplexity(logprobs);
      if (json) {
        out.println(Json.line(toJson(tokenizer, ids, logprobs, perplexity)));
      } else {
        printTable(out, tokenizer, ids, logprobs, perplexity);
      }
      out.flush();
    }
    return CommandLine.ExitCode.OK;
  }

  private String textToScore(HfTokenizer tokenizer) {
    if (input.text != null) {
      return input.text;
    }
    if (tokenizer.chatTemplate().isEmpty()) {
      throw new BrandtuneException(
          "--messages: the model's tokenizer has no chat template to render them; use --text");
    }
    return tokenizer.applyChatTemplate(
        MessagesFile.read(input.messages, "--messages"), false, Map.of());
  }

  private static ObjectNode toJson(
      HfTokenizer tokenizer, long[] ids, float[] logprobs, double perplexity) {
    ObjectNode n = Json.object();
    ArrayNode idArray = n.putArray("token_ids");
    ArrayNode tokenArray = n.putArray("tokens");
    for (long id : ids) {
      idArray.add(id);
      tokenArray.add(tokenizer.token(id));
    }
    ArrayNode lpArray = n.putArray("logprobs");
    for (float lp : logprobs) {
      // widened exactly, so exp(-mean) of the printed values reproduces the printed perplexity
      lpArray.add((double) lp);
    }
    n.put("num_tokens", ids.length);
    n.put("mean_logprob", -Math.log(perplexity));
    n.put("perplexity", perplexity);
    return n;
  }

  private static void printTable(
      PrintWriter out, HfTokenizer tokenizer, long[] ids, float[] logprobs, double perplexity) {
    out.printf(Locale.ROOT, "%5s  %8s  %10s  %s%n", "pos", "id", "logprob", "token");
    for (int i = 0; i < ids.length; i++) {
      String lp = i == 0 ? "-" : String.format(Locale.ROOT, "%.4f", logprobs[i - 1]);
      out.printf(
          Locale.ROOT, "%5d  %8d  %10s  %s%n", i, ids[i], lp, Json.line(tokenizer.token(ids[i])));
    }
    out.printf(
        Locale.ROOT,
        "tokens: %d  scored: %d  mean logprob: %.4f  perplexity: %.4f%n",
        ids.length,
        logprobs.length,
        -Math.log(perplexity),
        perplexity);
  }
}
