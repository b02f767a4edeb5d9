package ai.brandtune.train.reward;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.PreferenceEncodedDataset;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.RewardLoraModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
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
 * Trains a reward model from a {@link RewardConfig}: reads and encodes the preference data with the
 * model's chat template, starts from a causal LM (fresh head) or a SequenceClassification
 * checkpoint, trains the adapters and head (LoRA) or everything (full) on the shared loop, and
 * writes the final adapter or {@code *ForSequenceClassification} checkpoint into {@code output_dir}
 * with the tokenizer files.
 */
public final class RewardTrainer {
  private static final Logger log = LoggerFactory.getLogger(RewardTrainer.class);

  /** The resolved config, written into output_dir so a run records how it was made. */
  public static final String CONFIG_FILE = "training_config.yaml";

  private RewardTrainer() {}

  public static RewardTrainingResult run(RewardConfig config, StopSignal stop) {
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    Path outputDir = Path.of(config.outputDir());
    writeConfig(config, outputDir);
    Device device = Devices.parse(config.device());
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      Datasets data = encode(config, tokenizer);
      PreferenceCollator collator = PreferenceCollator.forTokenizer(tokenizer);
      RewardModel model =
          RewardModelCheckpoint.fromPretrained(
              modelDir,
              device,
              baseDtype(config, device),
              config.seed(),
              Math.toIntExact(collator.padId()));
      TrainableModel trainable = trainable(config, model);
      long count =
          trainable.trainableParameters().values().stream().mapToLong(t -> t.numel()).sum();
      log.info(
          "{}: {} trainable parameters ({} fine-tuning, loss {})",
          modelDir,
          count,
          config.finetuningType(),
          config.lossType());
      RewardObjective objective =
          new RewardObjective(model, config.loss(), outputDir.resolve(ScoreHistogram.FILE));
      Trainer<RewardBatch> trainer =
          new Trainer<>(
              config.trainingArguments(),
              trainable,
              objective,
              new RewardBatches(
                  RewardBatches.plan(
                      data.train(),
                      config.perDeviceTrainBatchSize(),
                      config.groupByLength(),
                      config.seed()),
                  data.train(),
                  collator),
              RewardBatches.inOrder(data.eval(), collator, config.perDeviceEvalBatchSize()));
      log.info(
          "{} steps ({} per epoch)", trainer.plan().totalSteps(), trainer.plan().stepsPerEpoch());
      TrainingResult result = trainer.train(stop);
      if (!result.stopped()) {
        OutputFiles.write(
            outputDir,
            dir -> {
              trainable.writeTo(dir);
              CheckpointDirectory.copyTokenizerFiles(modelDir, dir);
            });
        log.info("wrote the {} reward model to {}", config.finetuningType(), outputDir);
      }
      return new RewardTrainingResult(result, objective.lastReport());
    }
  }

  /** Training and evaluation examples, encoded with the model's chat template. */
  record Datasets(List<EncodedPreference> train, List<EncodedPreference> eval) {}

  static Datasets encode(RewardConfig config, HfTokenizer tokenizer) {
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
    PreferenceEncoder encoder = new PreferenceEncoder(tokenizer, config.encoderOptions());
    PreferenceEncodedDataset encodedTrain = encoder.encodeDataset(trainExamples, policy);
    log.info("training set: {}", encodedTrain.summary());
    if (encodedTrain.examples().isEmpty()) {
      throw new BrandtuneException(
          "dataset: no example left to train on (" + encodedTrain.summary() + ")");
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

  /**
   * float32 on CPU. On CUDA with bf16, a LoRA base is held in bf16 (it does not train); fully
   * trained weights stay float32 and the forward pass autocasts. The head is float32 always.
   */
  static ScalarType baseDtype(RewardConfig config, Device device) {
    boolean cuda = device.type().value == DeviceType.CUDA.value;
    return cuda && config.bf16() && config.lora() ? ScalarType.BFloat16 : ScalarType.Float;
  }

  static TrainableModel trainable(RewardConfig config, RewardModel model) {
    if (!config.lora()) {
      return new RewardFullTrainable(model);
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
    return new RewardLoraTrainable(
        RewardLoraModel.attach(model, lora, config.seed()), config.modelNameOrPath());
  }

  private static void writeConfig(RewardConfig config, Path outputDir) {
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
