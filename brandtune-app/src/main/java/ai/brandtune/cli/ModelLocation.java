package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.PeftAdapterConfig;
import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Where a model's parts are: the base checkpoint and, for a LoRA model, the PEFT adapter on top.
 * Tokenizer and generation defaults come from the adapter directory when it carries its own (a
 * training run saves them there), else from the base.
 *
 * @param base a Hugging Face model directory
 * @param adapter a PEFT adapter directory, or null
 */
record ModelLocation(Path base, Path adapter) {

  /**
   * Resolves {@code --model} and {@code --adapter}: a {@code model} directory holding {@code
   * adapter_config.json} but no {@code config.json} is an adapter whose base is its {@code
   * base_model_name_or_path}.
   */
  static ModelLocation resolve(Path model, Path adapter, String modelFlag) {
    boolean modelIsAdapter =
        Files.isDirectory(model)
            && !Files.isRegularFile(model.resolve(CheckpointDirectory.CONFIG))
            && PeftAdapterFiles.isAdapterDir(model);
    if (adapter != null) {
      if (modelIsAdapter) {
        throw new BrandtuneException(
            modelFlag
                + " "
                + model
                + " is a LoRA adapter, not a base model; give the base model there, or leave out"
                + " --adapter");
      }
      PeftAdapterFiles.requireAdapterDir(adapter);
      CheckpointDirectory.requireModelDir(model);
      return new ModelLocation(model, adapter);
    }
    if (modelIsAdapter) {
      return new ModelLocation(baseOf(model, modelFlag), model);
    }
    CheckpointDirectory.requireModelDir(model);
    return new ModelLocation(model, null);
  }

  /**
   * The base model an adapter names in {@code base_model_name_or_path}: a path as given (relative
   * to the working directory, as PEFT reads it) or, failing that, relative to the adapter.
   */
  static Path baseOf(Path adapterDir, String baseFlag) {
    PeftAdapterFiles.requireAdapterDir(adapterDir);
    PeftAdapterConfig config = PeftAdapterFiles.readConfig(adapterDir);
    Path configFile = adapterDir.resolve(PeftAdapterFiles.CONFIG);
    String name = config.baseModelNameOrPath();
    if (name == null || name.isBlank()) {
      throw new BrandtuneException(
          configFile
              + ": base_model_name_or_path is not set, so the base model is unknown; give it with "
              + baseFlag);
    }
    Path asGiven = Path.of(name);
    if (Files.isRegularFile(asGiven.resolve(CheckpointDirectory.CONFIG))) {
      return asGiven;
    }
    Path besideAdapter = adapterDir.resolve(name).normalize();
    if (!asGiven.isAbsolute()
        && Files.isRegularFile(besideAdapter.resolve(CheckpointDirectory.CONFIG))) {
      return besideAdapter;
    }
    throw new BrandtuneException(
        configFile
            + ": base model '"
            + name
            + "' (base_model_name_or_path) is not a local model directory"
            + (asGiven.isAbsolute()
                ? ""
                : " (looked in the working directory and beside the adapter)")
            + "; give it with "
            + baseFlag);
  }

  /** Loads the base and, when there is an adapter, merges it in (inference runs at base speed). */
  CausalLm load(Device device, ScalarType dtype) {
    CausalLm model = CausalLmCheckpoint.load(base, device, dtype);
    if (adapter != null) {
      LoraModel.load(model, adapter).merge();
    }
    return model;
  }

  Path tokenizerDir() {
    return adapterHas(CheckpointDirectory.TOKENIZER) ? adapter : base;
  }

  Path generationConfigDir() {
    return adapterHas(CheckpointDirectory.GENERATION_CONFIG) ? adapter : base;
  }

  private boolean adapterHas(String file) {
    return adapter != null && Files.isRegularFile(adapter.resolve(file));
  }
}
