package ai.brandtune.train.grpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.grpo.gsm8k.Gsm8kDataset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads GRPO prompt files. Each line is either a prompt record ({@code {"prompt":[{"role",
 * "content"}, ...], "meta":{...}, "answer": "..."}}, what {@code data export} writes; a plain
 * string prompt is taken as one user message) or a GSM8K record ({@code {"question", "answer"}}),
 * told apart by their keys, so GSM8K's own files train without conversion. A bad line names its
 * {@code file:line}; with {@code on_bad_record: skip} it is counted and skipped instead.
 */
public final class PromptDataset {
  private static final Logger log = LoggerFactory.getLogger(PromptDataset.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptDataset() {}

  public static List<PromptRecord> read(List<String> files, BadRecordPolicy policy) {
    List<PromptRecord> out = new ArrayList<>();
    int skipped = 0;
    for (String f : files) {
      Path file = Path.of(f);
      if (!Files.isRegularFile(file)) {
        throw new BrandtuneException("dataset: no such file " + file);
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BrandtuneException("dataset: cannot read " + file + ": " + e.getMessage(), e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line =
            i == 0 && lines.get(i).startsWith("\uFEFF") ? lines.get(i).substring(1) : lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        String location = file + ":" + (i + 1);
        try {
          out.add(parse(line, location));
        } catch (IllegalArgumentException e) {
          if (policy == BadRecordPolicy.ERROR) {
            throw new BrandtuneException(
                location + ": " + e.getMessage() + " (or set on_bad_record: skip)");
          }
          skipped++;
        }
      }
    }
    if (skipped > 0) {
      log.warn("skipped {} bad prompt records", skipped);
    }
    if (out.isEmpty()) {
      throw new BrandtuneException("dataset: no prompt to train on in " + files);
    }
    return out;
  }

  /** One JSONL line; IllegalArgumentException says what is wrong with it. */
  static PromptRecord parse(String line, String location) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("expected a JSON object per line");
    }
    String answer = n.hasNonNull("answer") ? text(n.get("answer")) : null;
    if (!n.has("prompt") && n.hasNonNull("question")) {
      return Gsm8kDataset.toPrompt(n.get("question").asText(), answer, location);
    }
    JsonNode prompt = n.get("prompt");
    List<ChatMessage> messages = new ArrayList<>();
    if (prompt != null && prompt.isTextual()) {
      messages.add(ChatMessage.user(prompt.asText()));
    } else if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
      for (JsonNode m : prompt) {
        if (!m.isObject() || !m.hasNonNull("role") || !m.hasNonNull("content")) {
          throw new IllegalArgumentException("every prompt message needs \"role\" and \"content\"");
        }
        messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
      }
    } else {
      throw new IllegalArgumentException(
          "expected \"prompt\" (a non-empty list of messages) or GSM8K's \"question\"");
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    JsonNode m = n.get("meta");
    if (m != null && m.isObject()) {
      for (var it = m.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isNull()) {
          meta.put(
              e.getKey(),
              e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
      }
    }
    return new PromptRecord(messages, meta, answer, location);
  }

  private static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
