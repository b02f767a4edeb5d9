package ai.brandtune.train.grpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.generate.FinishReason;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.Generator;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.io.GenerationConfig;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.tensor.Autocast;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.AdamWOptimizer;
import ai.brandtune.train.Checkpoints;
import ai.brandtune.train.ConfigSnapshot;
import ai.brandtune.train.GradientClipping;
import ai.brandtune.train.LoraTrainable;
import ai.brandtune.train.LrSchedule;
import ai.brandtune.train.MetricsLog;
import ai.brandtune.train.OutputFiles;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainableModel;
import ai.brandtune.train.TrainableSelection;
import ai.brandtune.train.TrainerState;
import ai.brandtune.train.TrainingArguments;
import ai.brandtune.train.TrainingProgress;
import ai.brandtune.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs GRPO from a {@link GrpoConfig}. Each step: pick {@code generation_batch_size /
 * num_generations} prompts, sample {@code num_generations} completions of each with the LoRA policy
 * (seed derived from the run's seed and the step, so a resumed run samples the same), score them
 * with the reward functions, compute group-relative advantages, run the reference (the same weights
 * with the adapters off; skipped entirely when {@code beta} is 0), and take {@code num_iterations}
 * optimizer updates on the batch in micro-batches of {@code per_device_train_batch_size} rows. The
 * first update uses the current log-probs detached as the sampling policy's (ratio exactly 1);
 * later ones reuse the first update's log-probs, which are the sampling policy's since no update
 * had happened yet.
 *
 * <p>Around the steps: {@code metrics.jsonl} and a progress bar, {@code completions.jsonl} every
 * {@code log_completions_steps}, atomic checkpoints, exact resume and Ctrl-C, as for SFT.
 */
public final class GrpoTrainer {
  private static final Logger log = LoggerFactory.getLogger(GrpoTrainer.class);

  /** The completions log in {@code output_dir}. */
  public static final String COMPLETIONS_FILE = "completions.jsonl";

  private final GrpoConfig config;
  private final TrainingArguments args;
  private final CausalLm policy;
  private final LoraTrainable trainable;
  private final HfTokenizer tokenizer;
  private final List<PromptRecord> records;
  private final List<long[]> promptIds;
  private final List<RewardFunction> functions;
  private final Generator generator;
  private final GrpoLoss loss;
  private final AdamWOptimizer optimizer;
  private final LrSchedule schedule;
  private final Checkpoints checkpoints;
  private final int stepsPerEpoch;
  private final int totalSteps;
  private long referenceForwards;

  private GrpoTrainer(
      GrpoConfig config,
      CausalLm policy,
      LoraTrainable trainable,
      HfTokenizer tokenizer,
      List<PromptRecord> records,
      List<long[]> promptIds,
      List<RewardFunction> functions,
      Generator generator) {
    this.config = config;
    this.args = config.loop().trainingArguments();
    this.policy = policy;
    this.trainable = trainable;
    this.tokenizer = tokenizer;
    this.records = records;
    this.promptIds = promptIds;
    this.functions = functions;
    this.generator = generator;
    this.loss = config.loss();
    this.stepsPerEpoch = Math.max(1, ceilDiv(records.size(), config.promptsPerStep()));
    this.totalSteps =
        args.maxSteps() > 0 ? args.maxSteps() : stepsPerEpoch * Math.max(1, args.numTrainEpochs());
    this.schedule =
        LrSchedule.of(
            args.lrSchedulerType(),
            args.learningRate(),
            totalSteps,
            args.warmupSteps(),
            args.warmupRatio(),
            args.minLrRatio());
    this.checkpoints = new Checkpoints(args.outputDir());
    this.optimizer = new AdamWOptimizer(trainable.trainableParameters().values(), args.adamW());
  }

  /**
   * Trains as {@code config} says, with reward functions resolved by name in {@code rewards}, and
   * writes the final adapter (with the tokenizer files) into {@code output_dir}.
   */
  public static GrpoTrainingResult run(GrpoConfig config, RewardRegistry rewards, StopSignal stop) {
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    Path outputDir = Path.of(config.loop().outputDir());
    ConfigSnapshot.write(config, outputDir);
    Device device = Devices.parse(config.loop().device());
    List<PromptRecord> records =
        PromptDataset.read(
            config.dataset(), BadRecordPolicy.parse(config.onBadRecord(), "on_bad_record"));
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      List<long[]> prompts = encodePrompts(config, tokenizer, records);
      ScalarType dtype = TrainableSelection.baseDtype(device, config.loop().bf16(), true);
      CausalLm policy = CausalLmCheckpoint.load(modelDir, device, dtype);
      TrainableModel trainable =
          TrainableSelection.causalLm(
              policy,
              TrainableSelection.lora(
                  config.loraRank(),
                  config.loraAlpha(),
                  config.loraDropout(),
                  config.loraTarget(),
                  config.useRslora()),
              config.loop().seed(),
              config.modelNameOrPath());
      TrainableSelection.logCount(modelDir, trainable, "LoRA policy");
      ScalarType rewardDtype =
          TrainableSelection.cudaBf16(device, config.loop().bf16())
              ? ScalarType.BFloat16
              : ScalarType.Float;
      List<RewardFunction> functions =
          rewards.createAll(config.rewardFuncs(), RewardSettings.of(config, device, rewardDtype));
      try {
        Generator generator =
            new Generator(
                policy, tokenizer::decode, eosIds(policy, tokenizer, modelDir), padId(tokenizer));
        GrpoTrainer trainer =
            new GrpoTrainer(
                config,
                policy,
                (LoraTrainable) trainable,
                tokenizer,
                records,
                prompts,
                functions,
                generator);
        GrpoTrainingResult result = trainer.train(stop);
        if (!result.training().stopped()) {
          OutputFiles.writeModel(outputDir, trainable, modelDir, false);
          log.info("wrote the LoRA adapter to {}", outputDir);
        }
        return result;
      } finally {
        functions.forEach(RewardFunction::close);
      }
    }
  }

  /** Each record's prompt rendered with the chat template (generation prompt on), left-cut. */
  static List<long[]> encodePrompts(
      GrpoConfig config, HfTokenizer tokenizer, List<PromptRecord> records) {
    List<long[]> out = new ArrayList<>(records.size());
    int cut = 0;
    for (PromptRecord r : records) {
      String text;
      try {
        text = tokenizer.applyChatTemplate(r.prompt(), true, config.chatTemplateKwargs());
      } catch (BrandtuneException e) {
        throw new BrandtuneException(r.location() + ": " + e.getMessage(), e);
      }
      long[] ids = tokenizer.encode(text, false);
      if (ids.length == 0) {
        throw new BrandtuneException(r.location() + ": the prompt renders to no tokens");
      }
      if (ids.length > config.maxPromptLength()) {
        // keep the end: the generation prompt and the latest turn matter most
        ids = Arrays.copyOfRange(ids, ids.length - config.maxPromptLength(), ids.length);
        cut++;
      }
      out.add(ids);
    }
    if (cut > 0) {
      log.warn(
          "{} of {} prompts were longer than max_prompt_length ({}) and lost their start",
          cut,
          records.size(),
          config.maxPromptLength());
    }
    return out;
  }

  private static Set<Long> eosIds(CausalLm model, HfTokenizer tokenizer, Path modelDir) {
    Set<Long> ids = new LinkedHashSet<>();
    model.config().eosTokenIds().forEach(id -> ids.add(id.longValue()));
    GenerationConfig.readFrom(modelDir).eosTokenIds().forEach(id -> ids.add(id.longValue()));
    tokenizer.eosTokenId().ifPresent(ids::add);
    return ids;
  }

  private static long padId(HfTokenizer tokenizer) {
    return tokenizer.padTokenId().or(tokenizer::eosTokenId).orElse(0L);
  }

  /** The step loop, with resume, metrics, checkpoints and stop. */
  GrpoTrainingResult train(StopSignal stop) {
    int start = resume();
    int step = start;
    double elapsedBefore = resumedElapsed;
    long started = System.nanoTime();
    List<Double> losses = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    List<Double> kls = new ArrayList<>();
    Path lastCheckpoint = resumedFrom;
    boolean stopped = false;
    log.info(
        "{} steps of {} prompts x {} completions ({} steps per epoch)",
        totalSteps,
        config.promptsPerStep(),
        config.numGenerations(),
        stepsPerEpoch);
    try (MetricsLog metrics = MetricsLog.open(args.outputDir(), step);
        MetricsLog completions = MetricsLog.open(args.outputDir(), COMPLETIONS_FILE, step);
        TrainingProgress progress =
            new TrainingProgress("grpo", step, totalSteps, args.progress())) {
      GrpoMetrics interval = new GrpoMetrics();
      while (step < totalSteps) {
        if (stop.requested(step)) {
          stopped = true;
          break;
        }
        double lr = schedule.lr(step);
        StepResult r = runStep(step, lr);
        step++;
        losses.add(r.loss());
        rewards.add(r.meanReward());
        kls.add(r.kl());
        interval.add(r.metrics());
        double elapsed = elapsedBefore + (System.nanoTime() - started) / 1e9;
        progress.update(
            step,
            String.format(
                Locale.ROOT,
                "reward %.3f loss %.4f%s lr %.2e",
                r.meanReward(),
                r.loss(),
                Double.isNaN(r.kl()) ? "" : String.format(Locale.ROOT, " kl %.4f", r.kl()),
                lr));
        if (config.logCompletionsSteps() > 0 && step % config.logCompletionsSteps() == 0) {
          writeCompletions(completions, step, r.rollout());
        }
        if (step % Math.max(1, args.loggingSteps()) == 0 || step == totalSteps) {
          Map<String, Object> record = new LinkedHashMap<>();
          record.put("step", step);
          record.put("epoch", (double) step / stepsPerEpoch);
          record.putAll(interval.means());
          record.put("lr", lr);
          record.put("elapsed", elapsed);
          metrics.write(record);
          interval = new GrpoMetrics();
        }
        if (step == totalSteps || (args.saveSteps() > 0 && step % args.saveSteps() == 0)) {
          lastCheckpoint = saveCheckpoint(step, elapsed);
        }
      }
      if (stopped) {
        double elapsed = elapsedBefore + (System.nanoTime() - started) / 1e9;
        lastCheckpoint = saveCheckpoint(step, elapsed);
        log.info("stopped at step {}; resume with --resume ({})", step, lastCheckpoint);
      }
    }
    TrainingResult training =
        new TrainingResult(start, step, totalSteps, losses, Double.NaN, stopped, lastCheckpoint);
    return new GrpoTrainingResult(training, rewards, kls, referenceForwards);
  }

  private record StepResult(
      double loss, double meanReward, double kl, Map<String, Double> metrics, Rollout rollout) {}

  /** One generation batch and its {@code num_iterations} updates. */
  private StepResult runStep(int step, double lr) {
    torch.manual_seed(args.seed() + step);
    Map<String, Double> m = new LinkedHashMap<>();

    long t0 = System.nanoTime();
    List<Integer> picked = promptsOf(step);
    List<PromptRecord> rowRecords = new ArrayList<>();
    List<long[]> rowPrompts = new ArrayList<>();
    for (int index : picked) {
      for (int g = 0; g < config.numGenerations(); g++) {
        rowRecords.add(records.get(index));
        rowPrompts.add(promptIds.get(index));
      }
    }
    trainable.setTraining(false);
    List<Generation> generations =
        generator.generate(rowPrompts, config.sampling(samplingSeed(args.seed(), step)));
    double generationSeconds = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    Rollout rollout = score(rowRecords, rowPrompts, generations);
    double rewardSeconds = (System.nanoTime() - t1) / 1e9;

    int rows = rollout.rows();
    List<Integer> trainRows = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      if (!(config.filterZeroStdGroups()
          && rollout.advantages().zeroSpread()[r / config.numGenerations()])) {
        trainRows.add(r);
      }
    }
    List<List<Integer>> microBatches = new ArrayList<>();
    for (int from = 0; from < trainRows.size(); from += config.loop().perDeviceTrainBatchSize()) {
      microBatches.add(
          trainRows.subList(
              from, Math.min(trainRows.size(), from + config.loop().perDeviceTrainBatchSize())));
    }
    float[][] masks = masks(rollout);
    double maskedTokens = 0;
    for (int r : trainRows) {
      for (float v : masks[r]) {
        maskedTokens += v;
      }
    }
    GrpoLoss.Scale scale = new GrpoLoss.Scale(trainRows.size(), maskedTokens, microBatches.size());

    long t2 = System.nanoTime();
    float[][] refLogps = loss.needsReference() ? referenceLogps(rollout, microBatches) : null;
    double referenceSeconds = (System.nanoTime() - t2) / 1e9;

    long t3 = System.nanoTime();
    float[][] oldLogps = new float[rows][];
    double lossSum = 0;
    double klSum = 0;
    double lowSum = 0;
    double highSum = 0;
    double entropySum = 0;
    double entropyTokens = 0;
    double gradNorm = 0;
    boolean anyTokens = maskedTokens > 0;
    trainable.setTraining(true);
    optimizer.setLearningRate(lr);
    for (int it = 0; it < config.numIterations() && anyTokens; it++) {
      double iterationLoss = 0;
      for (List<Integer> mb : microBatches) {
        try (PointerScope scope = new PointerScope()) {
          List<long[]> p = new ArrayList<>();
          List<long[]> c = new ArrayList<>();
          for (int r : mb) {
            p.add(rollout.promptIds().get(r));
            c.add(rollout.completionIds().get(r));
          }
          TokenLogProbs.Result lp;
          try (Autocast autocast = Autocast.on(policy.device(), ScalarType.BFloat16, args.bf16())) {
            lp = TokenLogProbs.compute(policy, p, c, config.temperature(), it == 0);
          }
          int width = (int) lp.logps().size(1);
          Device device = policy.device();
          Tensor mask = rowsTensor(masks, mb, width, device);
          Tensor old = it == 0 ? null : rowsTensor(oldLogps, mb, width, device);
          Tensor ref = refLogps == null ? null : rowsTensor(refLogps, mb, width, device);
          float[] advF = new float[mb.size()];
          for (int i = 0; i < mb.size(); i++) {
            advF[i] = (float) rollout.advantages().advantages()[mb.get(i)];
          }
          GrpoLoss.Terms terms =
              loss.compute(
                  lp.logps(),
                  old,
                  ref,
                  Tensors.floats(advF, new long[] {mb.size()}, device),
                  mask,
                  scale);
          terms.loss().backward();
          iterationLoss += terms.loss().item_double();
          if (it == 0) {
            float[] values = Tensors.toFloats(lp.logps().detach());
            for (int i = 0; i < mb.size(); i++) {
              oldLogps[mb.get(i)] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
            }
            entropySum += lp.entropySum();
            for (int r : mb) {
              entropyTokens += rollout.completionIds().get(r).length;
            }
            if (terms.kl() != null) {
              klSum += terms.kl().mul(mask).sum().item_double();
            }
          }
          lowSum += terms.lowClipped().mul(mask).sum().item_double();
          highSum += terms.highClipped().mul(mask).sum().item_double();
        }
      }
      gradNorm = GradientClipping.clip(optimizer.parameters(), args.maxGradNorm());
      optimizer.step();
      optimizer.zeroGrad();
      lossSum += iterationLoss;
    }
    double updateSeconds = (System.nanoTime() - t3) / 1e9;
    int iterations = anyTokens ? config.numIterations() : 0;
    double stepLoss = iterations == 0 ? 0.0 : lossSum / iterations;
    double kl =
        loss.needsReference() ? (maskedTokens > 0 ? klSum / maskedTokens : 0.0) : Double.NaN;

    m.put("loss", stepLoss);
    rewardMetrics(rollout, m);
    double clipTokens = Math.max(1.0, maskedTokens * Math.max(1, iterations));
    if (!Double.isNaN(kl)) {
      m.put("kl", kl);
    }
    m.put("clip_ratio/low_mean", lowSum / clipTokens);
    m.put("clip_ratio/high_mean", highSum / clipTokens);
    m.put("clip_ratio/region_mean", (lowSum + highSum) / clipTokens);
    m.put("entropy", entropyTokens > 0 ? entropySum / entropyTokens : 0.0);
    completionMetrics(rollout, m);
    m.put("grad_norm", gradNorm);
    m.put("time/generation_s", generationSeconds);
    m.put("time/rewards_s", rewardSeconds);
    m.put("time/reference_s", referenceSeconds);
    m.put("time/update_s", updateSeconds);
    long generated = 0;
    for (long[] c : rollout.completionIds()) {
      generated += c.length;
    }
    m.put("generation_tokens_per_s", generated / Math.max(generationSeconds, 1e-9));
    return new StepResult(stepLoss, mean(rollout.rewards()), kl, m, rollout);
  }

  /** The record indices of step {@code step}: the epoch's permutation, a window per step. */
  List<Integer> promptsOf(int step) {
    int n = records.size();
    int epoch = step / stepsPerEpoch;
    int within = step % stepsPerEpoch;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    if (config.shuffleDataset()) {
      java.util.Collections.shuffle(order, new Random(args.seed() * 31 + epoch));
    }
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < config.promptsPerStep(); j++) {
      out.add(order.get((within * config.promptsPerStep() + j) % n));
    }
    return out;
  }

  /** The sampling seed of a step: a function of the run's seed and the step only. */
  static long samplingSeed(long seed, int step) {
    return new SplittableRandom(seed).split().nextLong() ^ (step * 0x9E3779B97F4A7C15L);
  }

  private Rollout score(
      List<PromptRecord> rowRecords, List<long[]> rowPrompts, List<Generation> generations) {
    int rows = generations.size();
    List<long[]> completions = new ArrayList<>(rows);
    List<String> texts = new ArrayList<>(rows);
    boolean[] truncated = new boolean[rows];
    List<RewardSample> samples = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Generation g = generations.get(r);
      long[] ids = g.tokenIds().length == 0 ? new long[] {padId(tokenizer)} : g.tokenIds();
      completions.add(ids);
      texts.add(g.text());
      truncated[r] = g.finishReason() == FinishReason.LENGTH;
      PromptRecord rec = rowRecords.get(r);
      samples.add(
          new RewardSample(
              rec.prompt(), g.text(), g.tokenIds().length, truncated[r], rec.meta(), rec.answer()));
    }
    Double[][] perFunction = new Double[functions.size()][];
    double[] totals = new double[rows];
    for (int f = 0; f < functions.size(); f++) {
      List<Double> scores = functions.get(f).scoreAll(samples);
      perFunction[f] = scores.toArray(new Double[0]);
      double w = config.rewardWeights().get(f);
      for (int r = 0; r < rows; r++) {
        Double s = perFunction[f][r];
        if (s != null) {
          if (!Double.isFinite(s)) {
            throw new BrandtuneException(
                "reward function " + functions.get(f).name() + " returned " + s);
          }
          totals[r] += w * s;
        }
      }
    }
    Advantages.Result adv =
        Advantages.compute(totals, config.numGenerations(), config.rewardScaling());
    return new Rollout(
        rowRecords, rowPrompts, completions, texts, truncated, perFunction, totals, adv);
  }

  /** 1 on each row's completion tokens that train; a truncated row is all 0 when masked. */
  private float[][] masks(Rollout rollout) {
    float[][] masks = new float[rollout.rows()][];
    for (int r = 0; r < rollout.rows(); r++) {
      masks[r] = new float[rollout.completionIds().get(r).length];
      boolean off = config.maskTruncatedCompletions() && rollout.truncated()[r];
      Arrays.fill(masks[r], off ? 0f : 1f);
    }
    return masks;
  }

  /** Reference log-probs of the training rows: adapters off, no gradients, one pass per batch. */
  private float[][] referenceLogps(Rollout rollout, List<List<Integer>> microBatches) {
    float[][] out = new float[rollout.rows()][];
    LoraModel lora = trainable.lora();
    for (List<Integer> mb : microBatches) {
      try (PointerScope scope = new PointerScope();
          NoGradGuard noGrad = new NoGradGuard();
          LoraModel.AdaptersDisabled off = lora.disableAdapters();
          Autocast autocast = Autocast.on(policy.device(), ScalarType.BFloat16, args.bf16())) {
        List<long[]> p = new ArrayList<>();
        List<long[]> c = new ArrayList<>();
        for (int r : mb) {
          p.add(rollout.promptIds().get(r));
          c.add(rollout.completionIds().get(r));
        }
        TokenLogProbs.Result lp = TokenLogProbs.compute(policy, p, c, config.temperature(), false);
        referenceForwards++;
        int width = (int) lp.logps().size(1);
        float[] values = Tensors.toFloats(lp.logps());
        for (int i = 0; i < mb.size(); i++) {
          out[mb.get(i)] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
        }
      }
    }
    return out;
  }

  /** Reference forward passes run so far (0 while {@code beta} is 0). */
  long referenceForwards() {
    return referenceForwards;
  }

  /** (rows, width) float32 from per-row arrays, zero-padded. */
  private static Tensor rowsTensor(float[][] rows, List<Integer> which, int width, Device device) {
    float[] flat = new float[which.size() * width];
    for (int i = 0; i < which.size(); i++) {
      float[] row = rows[which.get(i)];
      System.arraycopy(row, 0, flat, i * width, Math.min(width, row.length));
    }
    return Tensors.floats(flat, new long[] {which.size(), width}, device);
  }

  private void rewardMetrics(Rollout rollout, Map<String, Double> m) {
    double[] totals = rollout.rewards();
    m.put("reward", mean(totals));
    m.put("reward_std", mean(rollout.advantages().groupStd()));
    for (int f = 0; f < functions.size(); f++) {
      List<Double> given = new ArrayList<>();
      for (Double v : rollout.functionRewards()[f]) {
        if (v != null) {
          given.add(v);
        }
      }
      String name = "rewards/" + functions.get(f).name();
      double[] v = given.stream().mapToDouble(Double::doubleValue).toArray();
      if (v.length > 0) {
        m.put(name + "/mean", mean(v));
        m.put(name + "/std", Advantages.std(v, 0, v.length));
      }
      m.put(name + "/abstained", 1.0 - (double) v.length / totals.length);
    }
    m.put("frac_reward_zero_std", rollout.advantages().zeroSpreadFraction());
    double[] a = rollout.advantages().advantages();
    m.put("advantages/mean", mean(a));
    m.put("advantages/std", Advantages.std(a, 0, a.length));
    m.put("advantages/min", Arrays.stream(a).min().orElse(0));
    m.put("advantages/max", Arrays.stream(a).max().orElse(0));
  }

  private static void completionMetrics(Rollout rollout, Map<String, Double> m) {
    int[] lengths = rollout.completionIds().stream().mapToInt(c -> c.length).toArray();
    int truncated = 0;
    for (boolean t : rollout.truncated()) {
      truncated += t ? 1 : 0;
    }
    m.put("completions/mean_length", Arrays.stream(lengths).average().orElse(0));
    m.put("completions/min_length", (double) Arrays.stream(lengths).min().orElse(0));
    m.put("completions/max_length", (double) Arrays.stream(lengths).max().orElse(0));
    m.put("completions/clipped_ratio", (double) truncated / Math.max(1, lengths.length));
  }

  private void writeCompletions(MetricsLog out, int step, Rollout rollout) {
    for (int r = 0; r < rollout.rows(); r++) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("step", step);
      PromptRecord rec = rollout.records().get(r);
      line.put("prompt", rec.prompt().get(rec.prompt().size() - 1).content());
      line.put("completion", rollout.texts().get(r));
      line.put("reward", rollout.rewards()[r]);
      Map<String, Object> each = new LinkedHashMap<>();
      for (int f = 0; f < functions.size(); f++) {
        each.put(functions.get(f).name(), rollout.functionRewards()[f][r]);
      }
      line.put("rewards", each);
      line.put("advantage", rollout.advantages().advantages()[r]);
      line.put("tokens", rollout.completionIds().get(r).length);
      line.put("truncated", rollout.truncated()[r]);
      if (!rec.meta().isEmpty()) {
        line.put("meta", rec.meta());
      }
      out.write(line);
    }
  }

  private double resumedElapsed;
  private Path resumedFrom;

  private int resume() {
    String from = args.resumeFrom();
    if (from == null || from.isBlank() || from.equalsIgnoreCase("false")) {
      return 0;
    }
    Path dir;
    if (from.equalsIgnoreCase("auto") || from.equalsIgnoreCase("true")) {
      Optional<Path> latest = checkpoints.latestValid();
      if (latest.isEmpty()) {
        log.info("no checkpoint in {}: starting from step 0", args.outputDir());
        return 0;
      }
      dir = latest.get();
    } else {
      dir = Path.of(from);
      if (!Files.isDirectory(dir)) {
        throw new BrandtuneException("resume_from_checkpoint: no such directory " + dir);
      }
    }
    TrainerState state = Checkpoints.validate(dir);
    if (state.seed() != args.seed()) {
      throw new BrandtuneException(
          dir
              + " was trained with seed "
              + state.seed()
              + " but this run has seed "
              + args.seed()
              + ": an exact resume needs the same seed");
    }
    trainable.restoreFrom(dir);
    optimizer.load(dir);
    resumedElapsed = state.elapsedSeconds();
    resumedFrom = dir;
    log.info("resuming from {} (step {})", dir, state.globalStep());
    return state.globalStep();
  }

  private Path saveCheckpoint(int step, double elapsed) {
    TrainerState state =
        new TrainerState(
            step, (double) step / stepsPerEpoch, args.seed(), totalSteps, elapsed, Map.of());
    return checkpoints.save(
        state,
        tmp -> {
          trainable.writeTo(tmp);
          optimizer.save(tmp);
        },
        args.saveTotalLimit());
  }

  static double mean(double[] v) {
    return Advantages.mean(v, 0, v.length);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
