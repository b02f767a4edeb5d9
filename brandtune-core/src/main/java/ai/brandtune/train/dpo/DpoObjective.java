package ai.brandtune.train.dpo;

import ai.brandtune.data.PreferenceBatch;
import ai.brandtune.data.PreferenceTensors;
import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.train.BatchLoss;
import ai.brandtune.train.TrainingObjective;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * DPO on the shared loop: chosen and rejected completions in one policy forward pass, each rejected
 * completion paired with its example's chosen one (a record with k rejected gives k pairs, the unit
 * the loop averages over), reference log-probs precomputed or from the reference model. Logs TRL's
 * metrics: {@code rewards/chosen}, {@code rewards/rejected}, {@code rewards/accuracies}, {@code
 * rewards/margins}, {@code logps/chosen}, {@code logps/rejected}, and {@code nll_loss} when the RPO
 * term is on.
 */
final class DpoObjective implements TrainingObjective<DpoBatch> {
  private final CausalLm policy;
  private final ReferenceModel reference;
  private final DpoLoss loss;

  /**
   * @param reference the reference model, or null when every batch carries precomputed log-probs
   */
  DpoObjective(CausalLm policy, ReferenceModel reference, DpoLoss loss) {
    this.policy = policy;
    this.reference = reference;
    this.loss = loss;
  }

  @Override
  public long units(DpoBatch batch) {
    return batch.pairs();
  }

  @Override
  public long tokens(DpoBatch batch) {
    return batch.rows().tokens();
  }

  @Override
  public Tensor summedLoss(DpoBatch batch) {
    return loss(batch).summed();
  }

  @Override
  public BatchLoss loss(DpoBatch batch) {
    PreferenceBatch rows = batch.rows();
    Device device = policy.device();
    PreferenceTensors t = rows.toTensors(device);
    boolean[][] mask = rows.completionMask();
    Tensor policySums =
        CompletionLogProbs.sums(policy, t.inputIds(), t.positionIds(), t.keyPadding(), mask);
    Tensor referenceSums = referenceSums(batch, t, device);

    int[] counts = CompletionLogProbs.counts(mask);
    float[] lengths = new float[counts.length];
    for (int r = 0; r < counts.length; r++) {
      lengths[r] = Math.max(1, counts[r]); // the encoder keeps >= 1 token; guard the division
    }
    Tensor rowLengths = Tensors.floats(lengths, new long[] {lengths.length}, device); // (R,)
    Tensor policyLogps = loss.averagesLogProbs() ? policySums.div(rowLengths) : policySums;
    Tensor referenceLogps = loss.averagesLogProbs() ? referenceSums.div(rowLengths) : referenceSums;

    int pairs = batch.pairs();
    long[] chosenRows = new long[pairs];
    long[] rejectedRows = new long[pairs];
    int p = 0;
    for (int r = 0; r < rows.rows(); r++) {
      if (rows.rowRejected()[r] >= 0) {
        rejectedRows[p] = r;
        chosenRows[p] = rows.chosenRow(rows.rowExample()[r]);
        p++;
      }
    }
    Tensor chosen = Tensors.longs(chosenRows, device);
    Tensor rejected = Tensors.longs(rejectedRows, device);
    Tensor policyChosen = policyLogps.index_select(0, chosen); // (P,)
    Tensor policyRejected = policyLogps.index_select(0, rejected);
    Tensor chosenNll =
        loss.needsChosenNll()
            ? policySums.index_select(0, chosen).neg().div(rowLengths.index_select(0, chosen))
            : null;
    DpoLoss.Terms terms =
        loss.compute(
            policyChosen,
            policyRejected,
            referenceLogps.index_select(0, chosen),
            referenceLogps.index_select(0, rejected),
            chosenNll);
    return new BatchLoss(
        terms.losses().sum(), metricSums(terms, policyChosen, policyRejected, chosenNll));
  }

  private Tensor referenceSums(DpoBatch batch, PreferenceTensors t, Device device) {
    double[] precomputed = batch.referenceLogProbs();
    if (precomputed != null) {
      float[] values = new float[precomputed.length];
      for (int r = 0; r < values.length; r++) {
        values[r] = (float) precomputed[r];
      }
      return Tensors.floats(values, new long[] {values.length}, device);
    }
    if (reference == null) {
      throw new IllegalStateException("a batch without precomputed reference log-probs");
    }
    return reference.rowLogProbs(
        t.inputIds(), t.positionIds(), t.keyPadding(), batch.rows().completionMask());
  }

  /** Metric values summed over the pairs (the loop divides by the pairs of the whole step). */
  private static Map<String, Double> metricSums(
      DpoLoss.Terms terms, Tensor policyChosen, Tensor policyRejected, Tensor chosenNll) {
    float[] chosenRewards = Tensors.toFloats(terms.chosenRewards());
    float[] rejectedRewards = Tensors.toFloats(terms.rejectedRewards());
    float[] chosenLogps = Tensors.toFloats(policyChosen.detach());
    float[] rejectedLogps = Tensors.toFloats(policyRejected.detach());
    double rc = 0;
    double rr = 0;
    double accuracies = 0;
    double lc = 0;
    double lr = 0;
    for (int p = 0; p < chosenRewards.length; p++) {
      rc += chosenRewards[p];
      rr += rejectedRewards[p];
      accuracies += chosenRewards[p] > rejectedRewards[p] ? 1 : 0;
      lc += chosenLogps[p];
      lr += rejectedLogps[p];
    }
    Map<String, Double> sums = new LinkedHashMap<>();
    sums.put("rewards/chosen", rc);
    sums.put("rewards/rejected", rr);
    sums.put("rewards/accuracies", accuracies);
    sums.put("rewards/margins", rc - rr);
    sums.put("logps/chosen", lc);
    sums.put("logps/rejected", lr);
    if (chosenNll != null) {
      double nll = 0;
      for (float v : Tensors.toFloats(chosenNll.detach())) {
        nll += v;
      }
      sums.put("nll_loss", nll);
    }
    return sums;
  }
}
