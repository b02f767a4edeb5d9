package ai.brandtune.train.dpo;

import ai.brandtune.data.PreferenceBatch;

/**
 * A collated preference batch for DPO, with its rows' reference log-probs when they were
 * precomputed. Its pairs are every rejected row with its example's chosen row.
 *
 * @param rows chosen and rejected completions in one right-padded batch
 * @param referenceLogProbs each row's summed reference log-prob, or null: the objective then runs
 *     the reference model on the batch
 */
record DpoBatch(PreferenceBatch rows, double[] referenceLogProbs) {

  /** (chosen, rejected) pairs: one per rejected completion. */
  int pairs() {
    return rows.rejectedRows();
  }
}
