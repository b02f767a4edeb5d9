package ai.brandtune.train.sft;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.SftExample;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain causal-LM training on text documents ({@code {"text": "..."}} JSONL, one document a line),
 * with the loss on every token: the brief pretraining the pipeline gives its built-in tiny model
 * before SFT. Each document is its tokens plus the tokenizer's EOS, cut into windows of at most
 * {@code max_length} tokens. Everything else (loop, full or LoRA training, checkpoints, resume,
 * output files) is {@link SftTrainer}'s, driven by the same {@link SftConfig} keys.
 */
public final class TextPretrainer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextPretrainer() {}

  public static TrainingResult run(SftConfig config, StopSignal stop) {
    return SftTrainer.run(
        config,
        stop,
        tokenizer ->
            new SftTrainer.Datasets(
                encode(config.dataset(), tokenizer, config.maxLength()),
                encode(config.evalDataset(), tokenizer, config.maxLength())));
  }

  static List<SftExample> encode(List<String> files, HfTokenizer tokenizer, int maxLength) {
    long eos =
        tokenizer
            .eosTokenId()
            .orElseThrow(
                () ->
                    new BrandtuneException(
                        tokenizer.directory()
                            + ": the tokenizer has no eos_token to end documents"));
    List<SftExample> examples = new ArrayList<>();
    for (String file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BrandtuneException(file + ": cannot read: " + e.getMessage(), e);
      }
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String location = file + ":" + (i + 1);
        String text = text(lines.get(i), location);
        long[] tokens = tokenizer.encode(text);
        long[] ids = Arrays.copyOf(tokens, tokens.length + 1);
        ids[tokens.length] = eos;
        for (int from = 0; from < ids.length; from += maxLength) {
          long[] window = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + maxLength));
          if (window.length >= 2) {
            examples.add(new SftExample(window, window.clone(), location));
          }
        }
      }
    }
    if (examples.isEmpty() && !files.isEmpty()) {
      throw new BrandtuneException("dataset " + files + ": no text to train on");
    }
    return examples;
  }

  private static String text(String line, String location) {
    try {
      JsonNode record = JSON.readTree(line);
      JsonNode text = record == null ? null : record.get("text");
      if (text == null || !text.isTextual()) {
        throw new BrandtuneException(location + ": expected a record {\"text\": \"...\"}");
      }
      return text.asText();
    } catch (IOException e) {
      throw new BrandtuneException(location + ": not valid JSON: " + e.getMessage(), e);
    }
  }
}
