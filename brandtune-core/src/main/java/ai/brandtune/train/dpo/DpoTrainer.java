package ai.brandtune.train.dpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.PreferenceEncodedDataset;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.FullTrainable;
import ai.brandtune.train.LoraTrainable;
import ai.brandtune.train.OutputFiles;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainableModel;
import ai.brandtune.train.Trainer;
import ai.brandtune.train.TrainingResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DPO from a {@link DpoConfig}: reads and encodes the preference data with the model's chat
 * template, loads the policy (LoRA adapters or all weights trained) and its reference, trains on
 * the shared loop, and writes the final adapter or checkpoint into {@code output_dir} with the
 * tokenizer files.
 *
 * <p>The reference is, in order of preference: log-probs precomputed once before training ({@code
 * precompute_ref_log_probs}); the LoRA policy's own base with the adapters switched off (no second
 * copy of the weights); or a separately loaded frozen model ({@code ref_model}, else {@code
 * model_name_or_path} again for full fine-tuning). Precomputing under full fine-tuning without
 * {@code ref_model} uses the policy itself before its first update, so no second copy is loaded
 * either.
 */
public final class DpoTrainer {
  private static final Logger log = LoggerFactory.getLogger(DpoTrainer.class);

  /** The resolved config, written into output_dir so a run records how it was made. */
  public static final String CONFIG_FILE = "training_config.yaml";

  private DpoTrainer() {}

  public static TrainingResult run(DpoConfig config, StopSignal stop) {
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    Path outputDir = Path.of(config.outputDir());
    writeConfig(config, outputDir);
    Device device = Devices.parse(config.device());
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      Session session = prepare(config, tokenizer, device);
      TrainingResult result = session.trainer().train(stop);
      if (!result.stopped()) {
        TrainableModel trainable = session.trainable();
        OutputFiles.write(
            outputDir,
            dir -> {
              trainable.writeTo(dir);
              CheckpointDirectory.copyTokenizerFiles(modelDir, dir);
              Path generation = modelDir.resolve(CheckpointDirectory.GENERATION_CONFIG);
              if (!config.lora() && Files.isRegularFile(generation)) {
                Files.copy(generation, dir.resolve(CheckpointDirectory.GENERATION_CONFIG));
              }
            });
        log.info("wrote the {} model to {}", config.finetuningType(), outputDir);
      }
      return result;
    }
  }

  /**
   * Everything a run trains with, before the first step.
   *
   * @param reference the reference model used per step, or null when the log-probs were precomputed
   */
  record Session(
      CausalLm policy,
      TrainableModel trainable,
      ReferenceModel reference,
      Trainer<DpoBatch> trainer,
      Datasets data) {}

  /** Training and evaluation examples, encoded with the model's chat template. */
  record Datasets(List<EncodedPreference> train, List<EncodedPreference> eval) {}

  /** Encodes the data, loads the policy and its reference, and builds the trainer. */
  static Session prepare(DpoConfig config, HfTokenizer tokenizer, Device device) {
    Path modelDir = Path.of(config.modelNameOrPath());
    Datasets data = encode(config, tokenizer);
    ScalarType dtype = baseDtype(config, device);
    CausalLm policy = CausalLmCheckpoint.load(modelDir, device, dtype);
    TrainableModel trainable = trainable(config, policy);
    long count = trainable.trainableParameters().values().stream().mapToLong(t -> t.numel()).sum();
    log.info(
        "{}: {} trainable parameters ({} fine-tuning)", modelDir, count, config.finetuningType());
    ReferenceModel reference = reference(config, policy, trainable, device);
    PreferenceCollator collator = PreferenceCollator.forTokenizer(tokenizer);
    PrecomputedReference trainReference = null;
    PrecomputedReference evalReference = null;
    if (config.precomputeRefLogProbs()) {
      int batchSize = config.perDeviceEvalBatchSize();
      trainReference =
          PrecomputedReference.compute(reference, data.train(), collator, batchSize, config.bf16());
      evalReference =
          PrecomputedReference.compute(reference, data.eval(), collator, batchSize, config.bf16());
      log.info(
          "precomputed reference log-probs of {} training and {} evaluation examples",
          data.train().size(),
          data.eval().size());
      reference.release();
      reference = null;
    }
    Trainer<DpoBatch> trainer =
        new Trainer<>(
            config.trainingArguments(),
            trainable,
            new DpoObjective(policy, reference, config.loss()),
            new DpoBatches(
                DpoBatches.plan(
                    data.train(),
                    config.perDeviceTrainBatchSize(),
                    config.groupByLength(),
                    config.seed()),
                data.train(),
                collator,
                trainReference),
            DpoBatches.consecutive(
                data.eval(), collator, config.perDeviceEvalBatchSize(), evalReference));
    log.info(
        "{} steps ({} per epoch)", trainer.plan().totalSteps(), trainer.plan().stepsPerEpoch());
    return new Session(policy, trainable, reference, trainer, data);
  }

  /**
   * The reference as the config asks: {@code ref_model} if given; else the LoRA base with the
   * adapters off; else, for full fine-tuning, the initial policy when precomputing or a second load
   * of {@code model_name_or_path}.
   */
  static ReferenceModel reference(
      DpoConfig config, CausalLm policy, TrainableModel trainable, Device device) {
    if (config.refModel() != null) {
      Path dir = Path.of(config.refModel());
      CheckpointDirectory.requireModelDir(dir);
      CausalLm ref = CausalLmCheckpoint.load(dir, device, referenceDtype(config, device));
      if (ref.config().vocabSize() != policy.config().vocabSize()) {
        throw new BrandtuneException(
            "ref_model: "
                + dir
                + " has a vocabulary of "
                + ref.config().vocabSize()
                + " tokens but model_name_or_path has "
                + policy.config().vocabSize()
                + "; the reference must share the policy's tokenizer");
      }
      log.info("reference model: {} (a separate copy)", dir);
      return ReferenceModel.separate(ref);
    }
    if (trainable instanceof LoraTrainable lora) {
      log.info("reference model: the base with the LoRA adapters off (no second copy)");
      return ReferenceModel.adaptersOff(lora.lora());
    }
    if (config.precomputeRefLogProbs()) {
      log.info("reference model: the initial weights, precomputed before training");
      return ReferenceModel.initialPolicy(policy);
    }
    log.info("reference model: a second, frozen copy of {}", config.modelNameOrPath());
    return ReferenceModel.separate(
        CausalLmCheckpoint.load(
            Path.of(config.modelNameOrPath()), device, referenceDtype(config, device)));
  }

  static Datasets encode(DpoConfig config, HfTokenizer tokenizer) {
    BadRecordPolicy policy = BadRecordPolicy.parse(config.onBadRecord(), "on_bad_record");
    PreferenceDataset train = PreferenceDataset.read(paths(config.dataset()), policy);
    logBadRecords("dataset", train);
    List<PreferenceExample> trainExamples = train.examples();
    List<PreferenceExample> evalExamples = List.of();
    if (!config.evalDataset().isEmpty()) {
      PreferenceDataset eval = PreferenceDataset.read(paths(config.evalDataset()), policy);
      logBadRecords("eval_dataset", eval);
      evalExamples = eval.examples();
    } else if (config.valSize() > 0) {
      List<PreferenceExample> shuffled = new ArrayList<>(trainExamples);
      Collections.shuffle(shuffled, new Random(config.seed()));
      int held = Math.max(1, (int) Math.round(shuffled.size() * config.valSize()));
      evalExamples = shuffled.subList(0, held);
      trainExamples = shuffled.subList(held, shuffled.size());
    }
    PreferenceEncoder encoder =
        new PreferenceEncoder(
            tokenizer,
            new PreferenceEncoderOptions(
                config.maxLength(), config.maxPromptLength(), config.chatTemplateKwargs()));
    PreferenceEncodedDataset encodedTrain = encoder.encodeDataset(trainExamples, policy);
    log.info("training set: {}", encodedTrain.summary());
    if (encodedTrain.examples().isEmpty()) {
      throw new BrandtuneException(
          "dataset: no preference example left to train on (" + encodedTrain.summary() + ")");
    }
    List<EncodedPreference> eval = List.of();
    if (!evalExamples.isEmpty()) {
      PreferenceEncodedDataset encodedEval = encoder.encodeDataset(evalExamples, policy);
      log.info("evaluation set: {}", encodedEval.summary());
      eval = encodedEval.examples();
    }
    return new Datasets(encodedTrain.examples(), eval);
  }

  private static void logBadRecords(String key, PreferenceDataset dataset) {
    if (dataset.badRecords().total() > 0) {
      log.warn("{}: skipped {}", key, dataset.badRecords().summary());
    }
  }

  private static List<Path> paths(List<String> names) {
    return names.stream().map(Path::of).toList();
  }

  private static boolean cudaBf16(DpoConfig config, Device device) {
    return device.type().value == DeviceType.CUDA.value && config.bf16();
  }

  /**
   * float32 on CPU. On CUDA with bf16, a LoRA base is held in bf16 (it does not train, so it needs
   * no float32 master copy); fully trained weights stay float32 and the forward pass autocasts.
   */
  static ScalarType baseDtype(DpoConfig config, Device device) {
    return cudaBf16(config, device) && config.lora() ? ScalarType.BFloat16 : ScalarType.Float;
  }

  /** A separate reference never trains: bf16 on CUDA with bf16, like a LoRA base. */
  static ScalarType referenceDtype(DpoConfig config, Device device) {
    return cudaBf16(config, device) ? ScalarType.BFloat16 : ScalarType.Float;
  }

  static TrainableModel trainable(DpoConfig config, CausalLm model) {
    if (!config.lora()) {
      return new FullTrainable(model);
    }
    List<String> targets =
        config.loraTarget().size() == 1
            ? LoraConfig.parseTargets(config.loraTarget().get(0))
            : config.loraTarget();
    LoraConfig lora =
        new LoraConfig(
            config.loraRank(),
            config.loraAlpha(),
            config.effectiveLoraDropout(),
            targets,
            config.useRslora());
    return new LoraTrainable(
        LoraModel.attach(model, lora, config.seed()), config.modelNameOrPath());
  }

  private static void writeConfig(DpoConfig config, Path outputDir) {
    ObjectMapper yaml =
        new YAMLMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    try {
      Files.createDirectories(outputDir);
      yaml.writeValue(outputDir.resolve(CONFIG_FILE).toFile(), config);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + outputDir.resolve(CONFIG_FILE) + ": " + e, e);
    }
  }
}
