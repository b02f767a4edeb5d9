package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.text.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Creates a randomly initialized model as an HF checkpoint directory: from a preset or a
 * config.json, with a given tokenizer directory or the built-in byte-level one. The vocabulary and
 * special-token ids follow the tokenizer.
 */
public final class ModelCreator {
  private ModelCreator() {}

  /**
   * @param preset a {@link ModelPresets} name; ignored when {@code configFile} is given
   * @param configFile an HF config.json to take the shape from, or null
   * @param tokenizerDir a directory with tokenizer.json (+ tokenizer_config.json), or null for the
   *     built-in byte-level tokenizer
   */
  public record Spec(
      String preset,
      Path configFile,
      Architecture architecture,
      Path tokenizerDir,
      long seed,
      ScalarType dtype,
      Path outputDir) {}

  public static ModelConfig create(Spec spec) {
    Path tokenizerDir = spec.tokenizerDir();
    Path builtIn = null;
    try {
      if (tokenizerDir == null) {
        builtIn = Files.createTempDirectory("brandtune-tokenizer");
        ByteLevelTokenizer.writeTo(builtIn);
        tokenizerDir = builtIn;
      }
      try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir)) {
        ModelConfig config = shape(spec, tokenizer.vocabSize());
        List<Integer> eos = new ArrayList<>(config.eosTokenIds());
        tokenizer
            .eosTokenId()
            .ifPresent(
                id -> {
                  if (!eos.contains(id.intValue())) {
                    eos.add(0, id.intValue());
                  }
                });
        Integer bos = tokenizer.bosTokenId().map(Long::intValue).orElse(config.bosTokenId());
        Integer pad = tokenizer.padTokenId().map(Long::intValue).orElse(config.padTokenId());
        config = config.withSpecialTokens(bos, eos, pad);
        CausalLm model =
            new CausalLm(
                config,
                new RandomInit(config, spec.seed(), Devices.cpu(), spec.dtype()),
                Devices.cpu(),
                spec.dtype());
        GenerationConfig generation =
            new GenerationConfig(bos, eos, pad, null, null, null, null, null);
        CausalLmCheckpoint.save(model, generation, tokenizerDir, spec.outputDir());
        return config;
      }
    } catch (IOException e) {
      throw new BrandtuneException(
          "cannot create model in " + spec.outputDir() + ": " + e.getMessage(), e);
    } finally {
      if (builtIn != null) {
        deleteQuietly(builtIn);
      }
    }
  }

  private static ModelConfig shape(Spec spec, int tokenizerVocab) {
    if (spec.configFile() != null) {
      ModelConfig c = ModelConfigJson.read(spec.configFile());
      return c.vocabSize() >= tokenizerVocab ? c : c.withVocabSize(tokenizerVocab);
    }
    return ModelPresets.create(spec.preset(), spec.architecture(), tokenizerVocab);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
