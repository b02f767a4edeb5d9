package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OptimizerParamGroupVector;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * libtorch's AdamW over the trained parameters. Matrices get weight decay; vectors (biases, norm
 * scales) do not, as in transformers and nanoGPT. libtorch's param groups would need its options
 * moved into C++ ownership, so each group is simply its own AdamW: the update is per parameter, so
 * two optimizers step exactly as one with two groups would.
 *
 * <p>The moment estimates live in native memory owned by libtorch's optimizers; {@link #close}
 * frees them at once, for callers that build several optimizers in one process (benchmarks, a
 * pipeline running stages in turn) and cannot wait for the garbage collector.
 */
public final class AdamWOptimizer implements AutoCloseable {
  static final String DECAY_FILE = "optimizer_decay.pt";
  static final String NO_DECAY_FILE = "optimizer_no_decay.pt";

  private final List<Tensor> parameters;
  private final AdamW decay;
  private final AdamW noDecay;

  public AdamWOptimizer(Collection<Tensor> trained, AdamWSettings settings) {
    this.parameters = List.copyOf(trained);
    List<Tensor> matrices = new ArrayList<>();
    List<Tensor> vectors = new ArrayList<>();
    for (Tensor p : parameters) {
      (p.dim() >= 2 ? matrices : vectors).add(p);
    }
    this.decay = matrices.isEmpty() ? null : adamW(matrices, settings, settings.weightDecay());
    this.noDecay = vectors.isEmpty() ? null : adamW(vectors, settings, 0.0);
  }

  private static AdamW adamW(List<Tensor> params, AdamWSettings s, double weightDecay) {
    AdamWOptions options = new AdamWOptions(0.0);
    // betas() points at a C++ std::tuple<double, double>, which libstdc++ lays out last element
    // first: index 0 is beta2 (checked against a float64 AdamW in AdamWOptimizerTest)
    options.betas().put(0, s.beta2());
    options.betas().put(1, s.beta1());
    options.eps().put(s.epsilon());
    options.weight_decay().put(weightDecay);
    return new AdamW(new TensorVector(params.toArray(new Tensor[0])), options);
  }

  /** The parameters this optimizer updates. */
  public List<Tensor> parameters() {
    return parameters;
  }

  public void setLearningRate(double lr) {
    for (AdamW opt : optimizers()) {
      try (PointerScope s = new PointerScope()) {
        OptimizerParamGroupVector groups = opt.param_groups();
        for (long i = 0; i < groups.size(); i++) {
          groups.get(i).options().set_lr(lr);
        }
      }
    }
  }

  public void step() {
    for (AdamW opt : optimizers()) {
      try (PointerScope s = new PointerScope()) {
        opt.step();
      }
    }
  }

  /** Sets gradients to none, so the next backward pass allocates fresh ones. */
  public void zeroGrad() {
    for (AdamW opt : optimizers()) {
      opt.zero_grad(true);
    }
  }

  /**
   * Frees the optimizers and their state, and drops their references to the parameters. The
   * optimizer must not be used afterwards.
   */
  @Override
  public void close() {
    for (AdamW opt : optimizers()) {
      opt.close();
    }
  }

  /** Writes the moment estimates and step counts, one libtorch archive per group. */
  public void save(Path dir) {
    save(decay, dir.resolve(DECAY_FILE));
    save(noDecay, dir.resolve(NO_DECAY_FILE));
  }

  /** Restores what {@link #save} wrote; the parameters must be the same, in the same order. */
  public void load(Path dir) {
    load(decay, dir.resolve(DECAY_FILE));
    load(noDecay, dir.resolve(NO_DECAY_FILE));
  }

  private static void save(AdamW opt, Path file) {
    if (opt == null) {
      return;
    }
    try (PointerScope s = new PointerScope()) {
      OutputArchive archive = new OutputArchive();
      opt.save(archive);
      archive.save_to(file.toString());
    }
  }

  private static void load(AdamW opt, Path file) {
    if (opt == null) {
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new BrandtuneException(file + ": optimizer state missing from the checkpoint");
    }
    try (PointerScope s = new PointerScope()) {
      InputArchive archive = new InputArchive();
      archive.load_from(file.toString());
      opt.load(archive);
    } catch (RuntimeException e) {
      throw new BrandtuneException(
          file + ": cannot read optimizer state (" + e.getMessage() + ")", e);
    }
  }

  /** Files {@link #save} writes, for checkpoint validation. */
  public List<String> stateFiles() {
    List<String> files = new ArrayList<>();
    if (decay != null) {
      files.add(DECAY_FILE);
    }
    if (noDecay != null) {
      files.add(NO_DECAY_FILE);
    }
    return files;
  }

  private List<AdamW> optimizers() {
    List<AdamW> all = new ArrayList<>(2);
    if (decay != null) {
      all.add(decay);
    }
    if (noDecay != null) {
      all.add(noDecay);
    }
    return all;
  }
}
