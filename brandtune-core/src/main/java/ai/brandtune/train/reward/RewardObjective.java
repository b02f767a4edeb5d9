package ai.brandtune.train.reward;

import ai.brandtune.data.PreferenceTensors;
import ai.brandtune.model.RewardModel;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.train.TrainingObjective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reward model on the shared loop: one forward pass over a batch's chosen and rejected rows,
 * the selected {@link RewardLoss} summed over examples (the loop averages per example). An
 * evaluation pass is scored into a {@link RewardEvaluation} report and, when a file is given, a
 * score histogram.
 */
final class RewardObjective implements TrainingObjective<RewardBatch> {
  private static final Logger log = LoggerFactory.getLogger(RewardObjective.class);

  private final RewardModel model;
  private final RewardLoss loss;
  private final Path histogram;
  private boolean evaluating;
  private final List<RewardEvaluation.Scored> evalScored = new ArrayList<>();
  private RewardEvaluation.Report lastReport;

  /**
   * @param histogram where evaluations draw the score histogram; null for none
   */
  RewardObjective(RewardModel model, RewardLoss loss, Path histogram) {
    this.model = model;
    this.loss = loss;
    this.histogram = histogram;
  }

  @Override
  public long units(RewardBatch batch) {
    return batch.rows().pairs();
  }

  @Override
  public long tokens(RewardBatch batch) {
    return batch.rows().tokens();
  }

  @Override
  public Tensor summedLoss(RewardBatch batch) {
    PreferenceTensors t = batch.rows().toTensors(model.device());
    Tensor rewards = model.forward(t.inputIds(), t.positionIds(), t.keyPadding(), t.lastIndex());
    RewardGroups groups = batch.groups();
    if (evaluating) {
      evalScored.addAll(scored(batch, groups, Tensors.toFloats(rewards.detach())));
    }
    return loss.sum(rewards, groups);
  }

  /** Each example's rewards, read from the batch's rows. */
  static List<RewardEvaluation.Scored> scored(
      RewardBatch batch, RewardGroups groups, float[] rewards) {
    List<RewardEvaluation.Scored> out = new ArrayList<>();
    for (int e = 0; e < groups.examples(); e++) {
      int[] rows = groups.rejectedRows()[e];
      double[] rejected = new double[rows.length];
      for (int j = 0; j < rows.length; j++) {
        rejected[j] = rewards[rows[j]];
      }
      out.add(
          new RewardEvaluation.Scored(
              rewards[groups.chosenRow()[e]],
              rejected,
              batch.rows().rejectedTypes().get(e),
              batch.examples().get(e).chosenChars()));
    }
    return out;
  }

  @Override
  public void beginEvaluation() {
    evaluating = true;
    evalScored.clear();
  }

  @Override
  public Map<String, Object> endEvaluation() {
    evaluating = false;
    lastReport = RewardEvaluation.of(evalScored);
    if (histogram != null && !evalScored.isEmpty()) {
      try {
        ScoreHistogram.write(evalScored, histogram);
      } catch (RuntimeException | LinkageError e) {
        // a plot must never cost the user a training run
        log.warn("could not draw {}: {}", histogram, e.toString());
      }
    }
    return lastReport.metrics();
  }

  /** The report of the latest evaluation pass; null before the first. */
  RewardEvaluation.Report lastReport() {
    return lastReport;
  }
}
