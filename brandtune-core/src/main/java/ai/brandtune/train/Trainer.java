package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.Autocast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop every algorithm shares. One step: reseed (so dropout replays exactly on
 * resume), set the scheduled learning rate, run the step's micro-batches (each loss divided by the
 * units of the whole step, then backward), clip, update. Around it: evaluation, metrics, progress,
 * checkpoints, resume and a stop request that saves before returning.
 *
 * @param <B> the algorithm's batch type
 */
public final class Trainer<B> {
  private static final Logger log = LoggerFactory.getLogger(Trainer.class);

  private final TrainingArguments args;
  private final TrainableModel model;
  private final TrainingObjective<B> objective;
  private final DataSource<B> data;
  private final List<B> evalBatches;
  private final StepPlan plan;
  private final LrSchedule schedule;
  private final Checkpoints checkpoints;
  private final AdamWOptimizer optimizer;
  private final List<Tensor> parameters;
  private Map<String, Object> lastEvalMetrics = Map.of(); // the objective's, logged as eval_<name>

  /**
   * @param evalBatches the validation set, or an empty list for none
   */
  public Trainer(
      TrainingArguments args,
      TrainableModel model,
      TrainingObjective<B> objective,
      DataSource<B> data,
      List<B> evalBatches) {
    this.args = args;
    this.model = model;
    this.objective = objective;
    this.data = data;
    this.evalBatches = List.copyOf(evalBatches);
    this.plan =
        new StepPlan(
            data.batchesPerEpoch(),
            args.gradientAccumulationSteps(),
            args.numTrainEpochs(),
            args.maxSteps());
    this.schedule =
        LrSchedule.of(
            args.lrSchedulerType(),
            args.learningRate(),
            plan.totalSteps(),
            args.warmupSteps(),
            args.warmupRatio(),
            args.minLrRatio());
    this.checkpoints = new Checkpoints(args.outputDir());
    this.parameters = List.copyOf(model.trainableParameters().values());
    if (parameters.isEmpty()) {
      throw new BrandtuneException("the model has no trainable parameters");
    }
    this.optimizer = new AdamWOptimizer(parameters, args.adamW());
  }

  public StepPlan plan() {
    return plan;
  }

  public LrSchedule schedule() {
    return schedule;
  }

  /** Trains to the planned step count, or until {@code stop} is requested. */
  public TrainingResult train(StopSignal stop) {
    Resumed resumed = resume();
    int step = resumed.step();
    double elapsedBefore = resumed.elapsedSeconds();
    long started = System.nanoTime();
    List<Double> losses = new ArrayList<>();
    double evalLoss = Double.NaN;
    Path lastCheckpoint = resumed.from();
    boolean stopped = false;
    int total = plan.totalSteps();
    try (MetricsLog metrics = MetricsLog.open(args.outputDir(), step);
        TrainingProgress progress = new TrainingProgress("train", step, total, args.progress())) {
      IntervalStats interval = new IntervalStats();
      while (step < total) {
        if (stop.requested(step)) {
          stopped = true;
          break;
        }
        double lr = schedule.lr(step);
        long t0 = System.nanoTime();
        StepStats stats = runStep(step, lr);
        double seconds = (System.nanoTime() - t0) / 1e9;
        step++;
        losses.add(stats.loss());
        interval.add(stats, seconds);
        double elapsed = elapsedBefore + (System.nanoTime() - started) / 1e9;
        progress.update(step, stats.loss(), lr, stats.tokens() / Math.max(seconds, 1e-9));
        if (step % Math.max(1, args.loggingSteps()) == 0 || step == total) {
          metrics.write(trainRecord(step, lr, interval, elapsed));
          interval = new IntervalStats();
        }
        boolean last = step == total;
        if (!evalBatches.isEmpty()
            && ((args.evalSteps() > 0 && step % args.evalSteps() == 0) || last)) {
          Evaluation evaluation = evaluation();
          evalLoss = evaluation.loss();
          metrics.write(evalRecord(step, evaluation, elapsed));
          log.info("step {}: eval_loss {}", step, String.format("%.4f", evalLoss));
        }
        if (last || (args.saveSteps() > 0 && step % args.saveSteps() == 0)) {
          lastCheckpoint = saveCheckpoint(step, elapsed);
        }
      }
      if (stopped) {
        double elapsed = elapsedBefore + (System.nanoTime() - started) / 1e9;
        lastCheckpoint = saveCheckpoint(step, elapsed);
        log.info("stopped at step {}; resume with --resume ({})", step, lastCheckpoint);
      }
    }
    writeLossCurve();
    return new TrainingResult(
        resumed.step(), step, total, List.copyOf(losses), evalLoss, stopped, lastCheckpoint);
  }

  private StepStats runStep(int step, double lr) {
    torch.manual_seed(args.seed() + step);
    model.setTraining(true);
    optimizer.setLearningRate(lr);
    List<B> batches = new ArrayList<>();
    long units = 0;
    long tokens = 0;
    for (int[] mb : plan.microBatches(step)) {
      B batch = data.batch(mb[0], mb[1]);
      batches.add(batch);
      units += objective.units(batch);
      tokens += objective.tokens(batch);
    }
    double lossSum = 0;
    MetricSums metricSums = new MetricSums();
    if (units > 0) {
      for (B batch : batches) {
        if (objective.units(batch) == 0) {
          continue;
        }
        try (PointerScope scope = new PointerScope()) {
          BatchLoss loss;
          try (Autocast autocast = Autocast.on(model.device(), ScalarType.BFloat16, args.bf16())) {
            loss = objective.loss(batch);
          }
          loss.summed().div(new org.bytedeco.pytorch.Scalar((double) units)).backward();
          lossSum += loss.summed().item_double();
          metricSums.add(loss.metricSums());
        }
      }
    }
    double gradNorm = units > 0 ? GradientClipping.clip(parameters, args.maxGradNorm()) : 0;
    if (units > 0) {
      optimizer.step();
    }
    optimizer.zeroGrad();
    return new StepStats(
        units > 0 ? lossSum / units : 0.0, gradNorm, tokens, metricSums.means(units));
  }

  /** Mean loss per unit over the evaluation set, without gradients or dropout. */
  public double evaluate() {
    return evaluation().loss();
  }

  /**
   * The evaluation set's mean loss and mean metrics per unit (NaN and no metrics without an
   * evaluation set), without gradients or dropout.
   */
  public Evaluation evaluation() {
    model.setTraining(false);
    double sum = 0;
    long units = 0;
    MetricSums metricSums = new MetricSums();
    objective.beginEvaluation();
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (B batch : evalBatches) {
        long n = objective.units(batch);
        if (n == 0) {
          continue;
        }
        try (PointerScope scope = new PointerScope();
            Autocast autocast = Autocast.on(model.device(), ScalarType.BFloat16, args.bf16())) {
          BatchLoss loss = objective.loss(batch);
          sum += loss.summed().item_double();
          metricSums.add(loss.metricSums());
        }
        units += n;
      }
      lastEvalMetrics = objective.endEvaluation();
    } finally {
      model.setTraining(true);
    }
    return units == 0
        ? new Evaluation(Double.NaN, Map.of())
        : new Evaluation(sum / units, metricSums.means(units));
  }

  /**
   * An evaluation's results.
   *
   * @param loss mean loss per unit, NaN when nothing was evaluated
   * @param metrics the objective's metrics, mean per unit, by name
   */
  public record Evaluation(double loss, Map<String, Double> metrics) {}

  private Path saveCheckpoint(int step, double elapsed) {
    TrainerState state =
        new TrainerState(
            step, plan.epochsAfter(step), args.seed(), plan.totalSteps(), elapsed, Map.of());
    Path dir =
        checkpoints.save(
            state,
            tmp -> {
              model.writeTo(tmp);
              optimizer.save(tmp);
            },
            args.saveTotalLimit());
    log.debug("saved {}", dir);
    return dir;
  }

  private record Resumed(int step, double elapsedSeconds, Path from) {}

  private Resumed resume() {
    String from = args.resumeFrom();
    if (from == null || from.isBlank() || from.equalsIgnoreCase("false")) {
      return new Resumed(0, 0, null);
    }
    Path dir;
    TrainerState state;
    if (from.equalsIgnoreCase("auto") || from.equalsIgnoreCase("true")) {
      Optional<Path> latest = checkpoints.latestValid();
      if (latest.isEmpty()) {
        log.info("no checkpoint in {}: starting from step 0", args.outputDir());
        return new Resumed(0, 0, null);
      }
      dir = latest.get();
      state = Checkpoints.validate(dir);
    } else {
      dir = Path.of(from);
      if (!Files.isDirectory(dir)) {
        throw new BrandtuneException("resume_from_checkpoint: no such directory " + dir);
      }
      state = Checkpoints.validate(dir);
    }
    if (state.seed() != args.seed()) {
      throw new BrandtuneException(
          dir
              + " was trained with seed "
              + state.seed()
              + " but this run has seed "
              + args.seed()
              + ": an exact resume needs the same seed");
    }
    model.restoreFrom(dir);
    optimizer.load(dir);
    log.info("resuming from {} (step {})", dir, state.globalStep());
    return new Resumed(state.globalStep(), state.elapsedSeconds(), dir);
  }

  private Map<String, Object> trainRecord(
      int step, double lr, IntervalStats interval, double elapsed) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("step", step);
    r.put("epoch", plan.epochsAfter(step));
    r.put("loss", interval.meanLoss());
    r.putAll(interval.meanMetrics());
    r.put("lr", lr);
    r.put("grad_norm", interval.lastGradNorm);
    r.put("tokens_per_s", interval.tokensPerSecond());
    r.put("elapsed", elapsed);
    return r;
  }

  private Map<String, Object> evalRecord(int step, Evaluation evaluation, double elapsed) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("step", step);
    r.put("epoch", plan.epochsAfter(step));
    r.put("eval_loss", evaluation.loss());
    evaluation.metrics().forEach((name, value) -> r.put("eval_" + name, value));
    lastEvalMetrics.forEach((name, value) -> r.put("eval_" + name, value));
    r.put("elapsed", elapsed);
    return r;
  }

  private void writeLossCurve() {
    Path metrics = args.outputDir().resolve(MetricsLog.FILE);
    try {
      LossCurve.write(metrics, args.outputDir().resolve(LossCurve.FILE));
    } catch (RuntimeException | LinkageError e) {
      // a plot must never cost the user a finished training run
      log.warn("could not draw {}: {}", LossCurve.FILE, e.toString());
    }
  }

  private record StepStats(
      double loss, double gradNorm, long tokens, Map<String, Double> metrics) {}

  /** Sums of an objective's named metrics over micro-batches, in first-seen order. */
  private static final class MetricSums {
    private final Map<String, Double> sums = new LinkedHashMap<>();

    void add(Map<String, Double> batchSums) {
      batchSums.forEach((name, value) -> sums.merge(name, value, Double::sum));
    }

    Map<String, Double> means(long units) {
      Map<String, Double> means = new LinkedHashMap<>();
      sums.forEach((name, sum) -> means.put(name, units > 0 ? sum / units : 0.0));
      return means;
    }
  }

  /** Averages over the steps between two log lines. */
  private static final class IntervalStats {
    private double lossSum;
    private int steps;
    private long tokens;
    private double seconds;
    private double lastGradNorm;
    private final Map<String, Double> metricSums = new LinkedHashMap<>();

    void add(StepStats s, double stepSeconds) {
      lossSum += s.loss();
      steps++;
      tokens += s.tokens();
      seconds += stepSeconds;
      lastGradNorm = s.gradNorm();
      s.metrics().forEach((name, value) -> metricSums.merge(name, value, Double::sum));
    }

    double meanLoss() {
      return steps == 0 ? 0 : lossSum / steps;
    }

    Map<String, Object> meanMetrics() {
      Map<String, Object> means = new LinkedHashMap<>();
      metricSums.forEach((name, sum) -> means.put(name, steps == 0 ? 0.0 : sum / steps));
      return means;
    }

    double tokensPerSecond() {
      return seconds <= 0 ? 0 : tokens / seconds;
    }
  }
}
