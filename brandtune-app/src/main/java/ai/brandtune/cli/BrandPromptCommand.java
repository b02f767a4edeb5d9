package ai.brandtune.cli;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune brand prompt}: the chat prompt for a product and content type. */
@Command(
    name = "prompt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Print the chat prompt (system and user message) for a product and content type.")
final class BrandPromptCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KitOptions kit;

  @Option(
      names = "--product",
      required = true,
      paramLabel = "ID",
      description = "Product id, e.g. P001.")
  String product;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "Content type id, e.g. paid_ad_pas.")
  String type;

  @Option(
      names = "--extra",
      paramLabel = "TEXT",
      description = "Extra instructions appended to the user message (补充要求).")
  String extra;

  @Option(
      names = "--json",
      description =
          "Print the messages as one JSON array of {role, content} (for --messages files).")
  boolean json;

  @Override
  public Integer call() {
    BrandKit k = kit.load();
    List<ChatMessage> messages =
        new PromptBuilder(k).build(k.requireProduct(product), k.requireContentType(type), extra);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode a = Json.MAPPER.createArrayNode();
      for (ChatMessage m : messages) {
        ObjectNode o = a.addObject();
        o.put("role", m.role());
        o.put("content", m.content());
      }
      out.println(Json.line(a));
    } else {
      for (int i = 0; i < messages.size(); i++) {
        if (i > 0) {
          out.println();
        }
        out.println("=== " + messages.get(i).role() + " ===");
        out.println(messages.get(i).content());
      }
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}
