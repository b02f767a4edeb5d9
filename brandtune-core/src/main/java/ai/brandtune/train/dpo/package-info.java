/**
 * Direct preference optimization: the DPO family of losses (sigmoid/cDPO, robust, IPO, hinge, with
 * an optional RPO NLL term) on summed completion log-probs, against a reference that is the LoRA
 * base with its adapters switched off, a separately loaded model, or log-probs precomputed once;
 * trained on the shared {@link ai.brandtune.train.Trainer}.
 */
package ai.brandtune.train.dpo;
