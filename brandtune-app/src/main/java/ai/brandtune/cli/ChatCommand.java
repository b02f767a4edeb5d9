package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.Generator;
import ai.brandtune.generate.SamplingParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune chat}: an interactive conversation on stdin/stdout. Each line is a user turn;
 * the whole conversation is re-rendered with the chat template every turn, so the model sees
 * exactly what it would see from transformers' {@code apply_chat_template}.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {
      "Chat with a model: one line per user turn, the reply streams back.",
      "Commands: /reset clears the conversation, /exit (or end of input) quits."
    })
final class ChatCommand implements Callable<Integer> {
  static final String RESET = "/reset";
  static final String EXIT = "/exit";

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin SamplingOptions sampling;

  @Mixin ConversationOptions conversationOptions;

  /** Replaced by tests; everything else reads the terminal. */
  InputStream input = System.in;

  @Override
  public Integer call() throws IOException {
    sampling.validate(spec.commandLine());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean interactive = System.console() != null;
    try (LoadedModel loaded = LoadedModel.load(model)) {
      if (loaded.tokenizer().chatTemplate().isEmpty()) {
        throw new BrandtuneException(
            loaded.dir()
                + ": the tokenizer has no chat template, so chat cannot render turns;"
                + " use 'brandtune generate --raw'");
      }
      SamplingParams params = sampling.resolve(loaded.generationConfig());
      Generator generator = loaded.generator();
      Conversation conversation =
          new Conversation(
              loaded.tokenizer(),
              conversationOptions,
              loaded.model().config().maxPositionEmbeddings());
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
      if (interactive) {
        err.println("Chatting with " + loaded.dir() + ". /reset clears, /exit quits.");
      }
      while (true) {
        if (interactive) {
          out.print("> ");
          out.flush();
        }
        String line = lines.readLine();
        if (line == null || line.strip().equals(EXIT)) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        if (line.strip().equals(RESET)) {
          conversation.reset();
          err.println("(conversation cleared)");
          continue;
        }
        long[] prompt;
        try {
          prompt = conversation.promptFor(line);
        } catch (BrandtuneException e) {
          err.println("error: " + e.getMessage());
          continue;
        }
        Generation reply =
            generator.generate(List.of(prompt), params, new StreamingPrinter(out)).get(0);
        out.println();
        out.flush();
        conversation.addReply(reply.text());
      }
    }
    return CommandLine.ExitCode.OK;
  }
}
