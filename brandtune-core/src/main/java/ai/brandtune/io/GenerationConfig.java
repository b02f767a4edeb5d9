package ai.brandtune.io;

import ai.brandtune.BrandtuneException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of HF {@code generation_config.json} brandtune uses: EOS ids (often more than
 * config.json lists, e.g. Llama-3's {@code <|eot_id|>}) and the model's default sampling settings.
 * Absent fields are null.
 */
public record GenerationConfig(
    Integer bosTokenId,
    List<Integer> eosTokenIds,
    Integer padTokenId,
    Boolean doSample,
    Double temperature,
    Double topP,
    Integer topK,
    Double repetitionPenalty) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public GenerationConfig {
    eosTokenIds = eosTokenIds == null ? List.of() : List.copyOf(eosTokenIds);
  }

  public static GenerationConfig empty() {
    return new GenerationConfig(null, List.of(), null, null, null, null, null, null);
  }

  /** Reads {@code dir/generation_config.json}, or an empty config when the file is absent. */
  public static GenerationConfig readFrom(Path dir) {
    Path file = dir.resolve(CheckpointDirectory.GENERATION_CONFIG);
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      List<Integer> eos = new ArrayList<>();
      JsonNode e = n.path("eos_token_id");
      if (e.isArray()) {
        e.forEach(x -> eos.add(x.asInt()));
      } else if (e.canConvertToInt()) {
        eos.add(e.asInt());
      }
      return new GenerationConfig(
          n.hasNonNull("bos_token_id") ? n.get("bos_token_id").asInt() : null,
          eos,
          n.hasNonNull("pad_token_id") ? n.get("pad_token_id").asInt() : null,
          n.hasNonNull("do_sample") ? n.get("do_sample").asBoolean() : null,
          n.hasNonNull("temperature") ? n.get("temperature").asDouble() : null,
          n.hasNonNull("top_p") ? n.get("top_p").asDouble() : null,
          n.hasNonNull("top_k") ? n.get("top_k").asInt() : null,
          n.hasNonNull("repetition_penalty") ? n.get("repetition_penalty").asDouble() : null);
    } catch (IOException e) {
      throw new BrandtuneException(file + ": cannot read generation config: " + e.getMessage(), e);
    }
  }

  public void writeTo(Path dir) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    if (bosTokenId != null) {
      n.put("bos_token_id", bosTokenId);
    }
    if (eosTokenIds.size() == 1) {
      n.put("eos_token_id", eosTokenIds.get(0));
    } else if (!eosTokenIds.isEmpty()) {
      eosTokenIds.forEach(n.putArray("eos_token_id")::add);
    }
    if (padTokenId != null) {
      n.put("pad_token_id", padTokenId);
    }
    if (doSample != null) {
      n.put("do_sample", doSample);
    }
    if (temperature != null) {
      n.put("temperature", temperature);
    }
    if (topP != null) {
      n.put("top_p", topP);
    }
    if (topK != null) {
      n.put("top_k", topK);
    }
    if (repetitionPenalty != null) {
      n.put("repetition_penalty", repetitionPenalty);
    }
    Files.writeString(
        dir.resolve(CheckpointDirectory.GENERATION_CONFIG), JSON.writeValueAsString(n) + "\n");
  }
}
