package ai.brandtune.train.sft;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.BatchPlan;
import ai.brandtune.data.ChatExample;
import ai.brandtune.data.SftBatch;
import ai.brandtune.data.SftCollator;
import ai.brandtune.data.SftDataset;
import ai.brandtune.data.SftEncodedDataset;
import ai.brandtune.data.SftEncoder;
import ai.brandtune.data.SftEncoderOptions;
import ai.brandtune.data.SftExample;
import ai.brandtune.data.TruncationPolicy;
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
 * Runs supervised fine-tuning from an {@link SftConfig}: reads and encodes the data, loads the
 * model (LoRA adapters or all weights trained), trains on the shared loop, and writes the final
 * adapter or checkpoint into {@code output_dir} with the tokenizer files.
 */
public final class SftTrainer {
  private static final Logger log = LoggerFactory.getLogger(SftTrainer.class);

  /** The resolved config, written into output_dir so a run records how it was made. */
  public static final String CONFIG_FILE = "training_config.yaml";

  private SftTrainer() {}

  public static TrainingResult run(SftConfig config, StopSignal stop) {
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    Path outputDir = Path.of(config.outputDir());
    writeConfig(config, outputDir);
    Device device = Devices.parse(config.device());
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      Datasets data = encode(config, tokenizer);
      CausalLm model = CausalLmCheckpoint.load(modelDir, device, baseDtype(config, device));
      TrainableModel trainable = trainable(config, model);
      long count =
          trainable.trainableParameters().values().stream().mapToLong(t -> t.numel()).sum();
      log.info(
          "{}: {} trainable parameters ({} fine-tuning)", modelDir, count, config.finetuningType());
      SftCollator collator = SftCollator.forTokenizer(tokenizer);
      BatchPlan plan = plan(config, data.train());
      Trainer<SftBatch> trainer =
          new Trainer<>(
              config.trainingArguments(),
              trainable,
              new SftObjective(model),
              new SftBatches(plan, data.train(), collator),
              evalBatches(data.eval(), collator, config.perDeviceEvalBatchSize()));
      log.info(
          "{} steps ({} per epoch)", trainer.plan().totalSteps(), trainer.plan().stepsPerEpoch());
      TrainingResult result = trainer.train(stop);
      if (!result.stopped()) {
        OutputFiles.write(
            outputDir,
            dir -> {
              trainable.writeTo(dir);
              CheckpointDirectory.copyTokenizerFiles(modelDir, dir);
              Path generation = modelDir.resolve(CheckpointDirectory.GENERATION_CONFIG);
              if (config.finetuningType().equals("full") && Files.isRegularFile(generation)) {
                Files.copy(generation, dir.resolve(CheckpointDirectory.GENERATION_CONFIG));
              }
            });
        log.info("wrote the {} model to {}", config.finetuningType(), outputDir);
      }
      return result;
    }
  }

  /** Training and evaluation examples, encoded with the model's chat template. */
  record Datasets(List<SftExample> train, List<SftExample> eval) {}

  static Datasets encode(SftConfig config, HfTokenizer tokenizer) {
    BadRecordPolicy policy = BadRecordPolicy.parse(config.onBadRecord(), "on_bad_record");
    SftDataset train = SftDataset.read(paths(config.dataset()), policy);
    logBadRecords("dataset", train);
    List<ChatExample> trainExamples = train.examples();
    List<ChatExample> evalExamples = List.of();
    if (!config.evalDataset().isEmpty()) {
      SftDataset eval = SftDataset.read(paths(config.evalDataset()), policy);
      logBadRecords("eval_dataset", eval);
      evalExamples = eval.examples();
    } else if (config.valSize() > 0) {
      List<ChatExample> shuffled = new ArrayList<>(trainExamples);
      Collections.shuffle(shuffled, new Random(config.seed()));
      int held = Math.max(1, (int) Math.round(shuffled.size() * config.valSize()));
      evalExamples = shuffled.subList(0, held);
      trainExamples = shuffled.subList(held, shuffled.size());
    }
    SftEncoderOptions options =
        new SftEncoderOptions(
            config.maxLength(),
            TruncationPolicy.parse(config.truncation(), "truncation"),
            config.trainOnPrompt(),
            config.chatTemplateKwargs());
    SftEncoder encoder = new SftEncoder(tokenizer, options);
    SftEncodedDataset encodedTrain = encoder.encodeAll(trainExamples, policy);
    log.info("training set: {}", encodedTrain.report().summary());
    if (encodedTrain.size() == 0) {
      throw new BrandtuneException(
          "dataset: no example left to train on (" + encodedTrain.report().summary() + ")");
    }
    List<SftExample> eval = List.of();
    if (!evalExamples.isEmpty()) {
      SftEncodedDataset encodedEval = encoder.encodeAll(evalExamples, policy);
      log.info("evaluation set: {}", encodedEval.report().summary());
      eval = encodedEval.examples();
    }
    return new Datasets(encodedTrain.examples(), eval);
  }

  private static void logBadRecords(String key, SftDataset dataset) {
    if (dataset.badRecords().total() > 0) {
      log.warn("{}: skipped {}", key, dataset.badRecords().summary());
    }
  }

  private static List<Path> paths(List<String> names) {
    return names.stream().map(Path::of).toList();
  }

  /**
   * float32 on CPU. On CUDA with bf16, a LoRA base is held in bf16 (it does not train, so it needs
   * no float32 master copy); fully trained weights stay float32 and the forward pass autocasts.
   */
  static ScalarType baseDtype(SftConfig config, Device device) {
    boolean cuda = device.type().value == DeviceType.CUDA.value;
    return cuda && config.bf16() && config.lora() ? ScalarType.BFloat16 : ScalarType.Float;
  }

  static TrainableModel trainable(SftConfig config, CausalLm model) {
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
            config.loraDropout(),
            targets,
            config.useRslora());
    return new LoraTrainable(
        LoraModel.attach(model, lora, config.seed()), config.modelNameOrPath());
  }

  private static BatchPlan plan(SftConfig config, List<SftExample> train) {
    int[] lengths = train.stream().mapToInt(SftExample::length).toArray();
    return config.packing()
        ? BatchPlan.packed(
            lengths, config.perDeviceTrainBatchSize(), config.maxLength(), config.seed())
        : BatchPlan.padded(
            lengths, config.perDeviceTrainBatchSize(), config.groupByLength(), config.seed());
  }

  private static List<SftBatch> evalBatches(
      List<SftExample> eval, SftCollator collator, int batchSize) {
    List<SftBatch> batches = new ArrayList<>();
    for (int i = 0; i < eval.size(); i += batchSize) {
      batches.add(collator.padded(eval.subList(i, Math.min(eval.size(), i + batchSize))));
    }
    return batches;
  }

  private static void writeConfig(SftConfig config, Path outputDir) {
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
