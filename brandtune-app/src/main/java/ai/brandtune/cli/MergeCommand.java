package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.PeftAdapterConfig;
import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.ModelConfigJson;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.model.lora.RewardLoraModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import ai.brandtune.text.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.global.torch.ScalarType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune merge}: folds a LoRA adapter into its base model and writes a full Hugging Face
 * checkpoint, which transformers, vLLM and every brandtune command load without PEFT.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description =
        "Merge a LoRA adapter (PEFT layout) into its base model and write a full Hugging Face"
            + " checkpoint; a reward model's adapter (SEQ_CLS) gives a *ForSequenceClassification"
            + " checkpoint.")
final class MergeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--adapter",
      required = true,
      paramLabel = "DIR",
      description = "The adapter directory (adapter_config.json, adapter_model.safetensors).")
  Path adapter;

  @Option(
      names = "--base",
      paramLabel = "DIR",
      description = "The base model directory. Default: the adapter's base_model_name_or_path.")
  Path base;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the merged checkpoint (replaced atomically).")
  Path out;

  @Option(
      names = "--dtype",
      defaultValue = "auto",
      paramLabel = "DTYPE",
      description =
          "Precision of the merged weights: float32, bfloat16, float16, or auto (the base"
              + " checkpoint's torch_dtype).")
  String dtype;

  @Override
  public Integer call() {
    Torch.init();
    ModelLocation location =
        ModelLocation.resolve(
            base != null ? base : ModelLocation.baseOf(adapter, "--base"), adapter, "--base");
    requireDistinct(location);
    ScalarType precision = precision(location.base());
    if (PeftAdapterConfig.SEQ_CLS.equals(
        PeftAdapterFiles.readConfig(location.adapter()).taskType())) {
      return mergeRewardModel(location, precision);
    }
    CausalLm model = CausalLmCheckpoint.load(location.base(), Devices.cpu(), precision);
    LoraModel lora = LoraModel.load(model, location.adapter());
    int adapted = lora.adapters().size();
    LoraConfig config = lora.config();
    lora.merge();
    CheckpointDirectory.writeAtomically(
        out,
        dir -> {
          CausalLmCheckpoint.writeTo(model, dir);
          // copied byte for byte: GenerationConfig knows only the fields brandtune reads
          Path generation =
              location.generationConfigDir().resolve(CheckpointDirectory.GENERATION_CONFIG);
          if (Files.isRegularFile(generation)) {
            Files.copy(
                generation,
                dir.resolve(CheckpointDirectory.GENERATION_CONFIG),
                StandardCopyOption.REPLACE_EXISTING);
          }
          CheckpointDirectory.copyTokenizerFiles(location.tokenizerDir(), dir);
        });
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "merged %d LoRA projections (r=%d, scaling %.4g) from %s into %s%n",
        adapted,
        config.rank(),
        config.scaling(),
        location.adapter(),
        location.base());
    w.printf(
        Locale.ROOT, "wrote %s (%s)%n", out.toAbsolutePath().normalize(), Dtypes.name(precision));
    w.flush();
    return CommandLine.ExitCode.OK;
  }

  /**
   * A reward model's adapter (PEFT SEQ_CLS): the adapters fold into the decoder, the trained head
   * replaces the base's, and the output is a {@code *ForSequenceClassification} checkpoint.
   */
  private int mergeRewardModel(ModelLocation location, ScalarType precision) {
    Integer pad;
    try (HfTokenizer tokenizer = HfTokenizer.load(location.tokenizerDir())) {
      pad = Math.toIntExact(PreferenceCollator.forTokenizer(tokenizer).padId());
    }
    RewardModel model =
        RewardModelCheckpoint.fromPretrained(location.base(), Devices.cpu(), precision, 0, pad);
    RewardLoraModel lora = RewardLoraModel.load(model, location.adapter());
    int adapted = lora.lora().adapters().size();
    LoraConfig config = lora.lora().config();
    lora.merge();
    CheckpointDirectory.writeAtomically(
        out,
        dir -> {
          RewardModelCheckpoint.writeTo(model, dir);
          CheckpointDirectory.copyTokenizerFiles(location.tokenizerDir(), dir);
        });
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "merged %d LoRA projections (r=%d, scaling %.4g) and the reward head from %s into %s%n",
        adapted,
        config.rank(),
        config.scaling(),
        location.adapter(),
        location.base());
    w.printf(
        Locale.ROOT,
        "wrote %s (%s, %s)%n",
        out.toAbsolutePath().normalize(),
        model.config().architecture().sequenceClassificationClass(),
        Dtypes.name(precision));
    w.flush();
    return CommandLine.ExitCode.OK;
  }

  /** {@code auto}: what the base was saved in, so merging a bf16 model gives a bf16 model. */
  private ScalarType precision(Path baseDir) {
    if (!dtype.trim().equalsIgnoreCase("auto")) {
      return Dtypes.parse(dtype, Devices.cpu(), "--dtype");
    }
    String saved = ModelConfigJson.read(baseDir.resolve(CheckpointDirectory.CONFIG)).torchDtype();
    return saved == null
        ? ScalarType.Float
        : Dtypes.parse(saved, Devices.cpu(), "config.json torch_dtype");
  }

  private void requireDistinct(ModelLocation location) {
    Path target = out.toAbsolutePath().normalize();
    if (target.equals(location.base().toAbsolutePath().normalize())
        || target.equals(location.adapter().toAbsolutePath().normalize())) {
      throw new BrandtuneException(
          "--out " + out + ": must differ from the base and adapter directories it reads");
    }
  }
}
