package ai.brandtune.cli;

import ai.brandtune.generate.Generation;
import ai.brandtune.generate.SamplingParams;
import ai.brandtune.generate.TokenListener;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune generate}: completes one prompt, streaming or as JSON. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = "Generate completions for a prompt with a local model.")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin SamplingOptions sampling;

  @Mixin ConversationOptions conversation;

  @Option(
      names = "--prompt",
      required = true,
      paramLabel = "TEXT",
      description = "The prompt: a user message in chat mode, the literal model input in raw mode.")
  String prompt;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  ModeFlags mode = new ModeFlags();

  /** --chat and --raw exclude each other; neither means "chat if the model has a template". */
  static final class ModeFlags {
    @Option(
        names = "--chat",
        description = "Render the prompt with the model's chat template (default when it has one).")
    boolean chat;

    @Option(
        names = "--raw",
        description =
            "Feed the prompt to the model as is (default when there is no chat template).")
    boolean raw;
  }

  @Option(
      names = "--num-return",
      defaultValue = "1",
      paramLabel = "N",
      description = "Number of completions, generated as one batch.")
  int numReturn;

  @Option(
      names = "--json",
      description =
          "Print one JSON object per completion: index, text, finish_reason, token_ids, logprobs,"
              + " prompt_tokens, completion_tokens.")
  boolean json;

  @Override
  public Integer call() {
    if (numReturn < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--num-return " + numReturn + ": must be at least 1");
    }
    sampling.validate(spec.commandLine());
    PrintWriter out = spec.commandLine().getOut();
    try (LoadedModel loaded = LoadedModel.load(model)) {
      SamplingParams params = sampling.resolve(loaded.generationConfig());
      PromptMode promptMode = PromptMode.choose(mode.chat, mode.raw, loaded.tokenizer());
      String text = promptMode.render(loaded.tokenizer(), prompt, conversation);
      long[] ids = loaded.tokenizer().encode(text);
      boolean stream = numReturn == 1 && !json;
      TokenListener listener = stream ? new StreamingPrinter(out) : null;
      List<Generation> generations =
          loaded.generator().generate(Collections.nCopies(numReturn, ids), params, listener);
      if (json) {
        for (int i = 0; i < generations.size(); i++) {
          out.println(Json.line(toJson(i, generations.get(i))));
        }
      } else if (stream) {
        out.println();
      } else {
        for (int i = 0; i < generations.size(); i++) {
          out.println("--- completion " + (i + 1) + " ---");
          out.println(generations.get(i).text());
        }
      }
      out.flush();
    }
    return CommandLine.ExitCode.OK;
  }

  static ObjectNode toJson(int index, Generation g) {
    ObjectNode n = Json.object();
    n.put("index", index);
    n.put("text", g.text());
    n.put("finish_reason", g.finishReason().wireName());
    var ids = n.putArray("token_ids");
    for (long id : g.tokenIds()) {
      ids.add(id);
    }
    var logprobs = n.putArray("logprobs");
    for (float lp : g.logprobs()) {
      logprobs.add(lp);
    }
    n.put("prompt_tokens", g.promptIds().length);
    n.put("completion_tokens", g.tokenIds().length);
    return n;
  }
}
