package ai.brandtune.cli;

import ai.brandtune.generate.Generator;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Torch;
import ai.brandtune.text.HfTokenizer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A checkpoint ready to run: the model on its device, its tokenizer and its generation defaults.
 * Closing it frees the tokenizer's native handle; the weights live until the process ends.
 */
final class LoadedModel implements AutoCloseable {
  private final Path dir;
  private final CausalLm model;
  private final HfTokenizer tokenizer;
  private final GenerationConfig generationConfig;

  private LoadedModel(
      Path dir, CausalLm model, HfTokenizer tokenizer, GenerationConfig generationConfig) {
    this.dir = dir;
    this.model = model;
    this.tokenizer = tokenizer;
    this.generationConfig = generationConfig;
  }

  static LoadedModel load(ModelOptions options) {
    Torch.init();
    ModelLocation location = options.location();
    Device device = options.resolveDevice();
    ScalarType dtype = options.resolveDtype(device);
    // tokenizer first: a missing tokenizer.json fails in milliseconds instead of after the weights
    HfTokenizer tokenizer = HfTokenizer.load(location.tokenizerDir());
    try {
      CausalLm model = location.load(device, dtype);
      return new LoadedModel(
          options.dir, model, tokenizer, GenerationConfig.readFrom(location.generationConfigDir()));
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  Path dir() {
    return dir;
  }

  CausalLm model() {
    return model;
  }

  HfTokenizer tokenizer() {
    return tokenizer;
  }

  GenerationConfig generationConfig() {
    return generationConfig;
  }

  /**
   * Every id that may end a row: config.json and generation_config.json often disagree (Llama-3
   * lists {@code <|eot_id|>} only in the latter) and the tokenizer may name yet another.
   */
  Set<Long> eosIds() {
    Set<Long> ids = new LinkedHashSet<>();
    model.config().eosTokenIds().forEach(id -> ids.add(id.longValue()));
    generationConfig.eosTokenIds().forEach(id -> ids.add(id.longValue()));
    tokenizer.eosTokenId().ifPresent(ids::add);
    return ids;
  }

  /** Left-padding id; its value never matters to the output because padded keys are masked. */
  long padId() {
    if (tokenizer.padTokenId().isPresent()) {
      return tokenizer.padTokenId().get();
    }
    if (model.config().padTokenId() != null) {
      return model.config().padTokenId();
    }
    if (generationConfig.padTokenId() != null) {
      return generationConfig.padTokenId();
    }
    return eosIds().stream().findFirst().orElse(0L);
  }

  Generator generator() {
    return new Generator(model, tokenizer::decode, eosIds(), padId());
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
