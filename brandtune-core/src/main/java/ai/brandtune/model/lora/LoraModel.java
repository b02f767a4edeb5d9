package ai.brandtune.model.lora;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.PeftAdapterConfig;
import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.io.SafetensorsFile;
import ai.brandtune.io.TensorEntry;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.Decoder;
import ai.brandtune.model.Linear;
import ai.brandtune.tensor.DType;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Scopes;
import ai.brandtune.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * LoRA adapters attached to a {@link CausalLm} (or, for a reward model, to its {@link Decoder}, see
 * {@link RewardLoraModel}): the base weights frozen, one {@link LoraAdapter} per targeted
 * projection. Fresh adapters start as PEFT's do (A Kaiming-uniform, B zero, so the model is
 * unchanged until trained), drawn from a seeded generator of their own so the global RNG (dropout,
 * data order) does not shift them. Saves and loads PEFT's adapter layout, and merges into the base
 * weights for export.
 *
 * <p>Typical use by a trainer: {@link #attach}, give {@link #trainableParameters()} to the
 * optimizer, {@link #setTraining} around train and eval steps, {@link #writeTo} inside a checkpoint
 * directory written atomically.
 */
public final class LoraModel implements PeftAdapter {
  private static final Set<DType> FLOAT_TYPES =
      EnumSet.of(DType.F64, DType.F32, DType.F16, DType.BF16);
  private final CausalLm model; // null when the adapters sit on a bare decoder
  private final Decoder decoder;
  private final LoraConfig config;
  private final Map<String, LoraAdapter> adapters = new LinkedHashMap<>();
  private final String baseModelNameOrPath;
  private boolean training;
  private boolean attached;
  private boolean enabled = true;

  private LoraModel(
      CausalLm model, Decoder decoder, LoraConfig config, String baseModelNameOrPath) {
    this.model = model;
    this.decoder = decoder;
    this.config = config;
    this.baseModelNameOrPath = baseModelNameOrPath;
  }

  /**
   * Attaches fresh adapters for {@code config} to {@code model} and freezes its own parameters. The
   * same seed gives the same A matrices whatever the device and the global RNG state.
   */
  public static LoraModel attach(CausalLm model, LoraConfig config, long seed) {
    LoraModel lora = new LoraModel(model, model.decoder(), config, null);
    lora.attachFresh(seed, frozen -> frozen.putAll(model.parameters()));
    return lora;
  }

  /**
   * Attaches fresh adapters to {@code decoder}'s projections and freezes the decoder; the head on
   * top (for a reward model) is the caller's to train.
   */
  static LoraModel attach(Decoder decoder, LoraConfig config, long seed) {
    LoraModel lora = new LoraModel(null, decoder, config, null);
    lora.attachFresh(seed, decoder::collect);
    return lora;
  }

  private void attachFresh(long seed, Consumer<Map<String, Tensor>> frozen) {
    Map<String, Linear> targets = select(decoder.linears(), config, "lora_target");
    Device device = decoder.device();
    Generator generator = torch.createCPUGenerator(seed);
    Map<String, Tensor[]> matrices = new LinkedHashMap<>();
    for (Map.Entry<String, Linear> e : targets.entrySet()) {
      long[] shape = Tensors.shape(e.getValue().weight()); // (out, in)
      long out = shape[0];
      long in = shape[1];
      // PEFT: kaiming_uniform_(A, a=sqrt(5)), i.e. gain sqrt(1/3) -> bound 1/sqrt(fan_in)
      double bound = 1.0 / Math.sqrt(in);
      Tensor a =
          Scopes.persistent(
              () ->
                  trainable(
                      Tensors.zeros(new long[] {config.rank(), in}, ScalarType.Float, Devices.cpu())
                          .uniform_(-bound, bound, new GeneratorOptional(generator))
                          .to(device, ScalarType.Float)));
      Tensor b =
          Scopes.persistent(
              () ->
                  trainable(
                      Tensors.zeros(new long[] {out, config.rank()}, ScalarType.Float, device)));
      matrices.put(e.getKey(), new Tensor[] {a, b});
    }
    attachAll(targets, matrices, frozen);
  }

  /**
   * Loads the PEFT adapter in {@code dir} onto {@code model}: checks {@code adapter_config.json}
   * and every tensor of {@code adapter_model.safetensors} against the model (errors name the file
   * and key: a missing or unexpected tensor, a wrong shape or rank), then attaches. The matrices
   * are trainable, so training can go on from a saved adapter.
   */
  public static LoraModel load(CausalLm model, Path dir) {
    PeftAdapterFiles.requireAdapterDir(dir);
    PeftAdapterConfig pc = PeftAdapterFiles.readConfig(dir);
    Path configFile = dir.resolve(PeftAdapterFiles.CONFIG);
    if (pc.taskType() != null && !pc.taskType().equals(PeftAdapterConfig.CAUSAL_LM)) {
      throw new BrandtuneException(
          configFile
              + ": field 'task_type' is "
              + pc.taskType()
              + "; a causal LM needs "
              + PeftAdapterConfig.CAUSAL_LM
              + (pc.taskType().equals(PeftAdapterConfig.SEQ_CLS)
                  ? " (this adapter belongs to a reward model: use brandtune rm)"
                  : ""));
    }
    if (!pc.modulesToSave().isEmpty()) {
      throw new BrandtuneException(
          configFile
              + ": field 'modules_to_save' is set ("
              + pc.modulesToSave()
              + "), which brandtune does not support for a causal LM");
    }
    return load(
        model, model.decoder(), pc, dir, Set.of(), frozen -> frozen.putAll(model.parameters()));
  }

  /**
   * Loads the adapter's LoRA matrices onto {@code decoder}; {@code otherKeys} are tensors of the
   * adapter file that are not LoRA matrices and the caller reads itself (a reward model's head).
   */
  static LoraModel load(Decoder decoder, Path dir, PeftAdapterConfig pc, Set<String> otherKeys) {
    return load(null, decoder, pc, dir, otherKeys, decoder::collect);
  }

  private static LoraModel load(
      CausalLm model,
      Decoder decoder,
      PeftAdapterConfig pc,
      Path dir,
      Set<String> otherKeys,
      Consumer<Map<String, Tensor>> frozen) {
    Path configFile = dir.resolve(PeftAdapterFiles.CONFIG);
    if (!(pc.loraAlpha() > 0)) {
      throw new BrandtuneException(
          configFile + ": field 'lora_alpha' must be positive, got " + pc.loraAlpha());
    }
    List<String> targets =
        pc.targetModulesPattern() != null
            ? matchPattern(decoder.linears(), pc.targetModulesPattern(), configFile)
            : pc.targetModules();
    for (String t : targets) {
      String shortName = t.substring(t.lastIndexOf('.') + 1);
      if (!t.equals(LoraConfig.ALL_LINEAR) && !LoraConfig.PROJECTIONS.contains(shortName)) {
        throw new BrandtuneException(
            configFile
                + ": field 'target_modules' names '"
                + t
                + "', which brandtune cannot adapt; supported: "
                + String.join(", ", LoraConfig.PROJECTIONS));
      }
    }
    LoraConfig config =
        new LoraConfig(pc.r(), pc.loraAlpha(), pc.loraDropout(), targets, pc.useRslora());
    Map<String, Linear> selected =
        select(decoder.linears(), config, configFile + ": field 'target_modules'");
    LoraModel lora = new LoraModel(model, decoder, config, pc.baseModelNameOrPath());
    try (SafetensorsFile file = PeftAdapterFiles.openWeights(dir)) {
      checkKeys(file, decoder.linears(), selected, otherKeys);
      Map<String, Tensor[]> matrices = new LinkedHashMap<>();
      for (Map.Entry<String, Linear> e : selected.entrySet()) {
        long[] shape = Tensors.shape(e.getValue().weight()); // (out, in)
        String aKey = PeftAdapterFiles.loraAKey(e.getKey());
        String bKey = PeftAdapterFiles.loraBKey(e.getKey());
        checkShape(file, aKey, new long[] {config.rank(), shape[1]}, 0);
        checkShape(file, bKey, new long[] {shape[0], config.rank()}, 1);
        matrices.put(
            e.getKey(),
            new Tensor[] {
              loadMatrix(file, aKey, decoder.device()), loadMatrix(file, bKey, decoder.device())
            });
      }
      lora.attachAll(selected, matrices, frozen);
    }
    return lora;
  }

  /**
   * The causal LM the adapters sit on.
   *
   * @throws IllegalStateException when they sit on a reward model's decoder
   */
  public CausalLm model() {
    if (model == null) {
      throw new IllegalStateException("these adapters sit on a reward model's decoder");
    }
    return model;
  }

  /** The decoder whose projections carry the adapters. */
  /** This model itself: a causal LM's adapter is its LoRA adapters and nothing more. */
  @Override
  public LoraModel lora() {
    return this;
  }

  public Decoder decoder() {
    return decoder;
  }

  public LoraConfig config() {
    return config;
  }

  /** The base model recorded in a loaded adapter's config; null for fresh adapters. */
  public String baseModelNameOrPath() {
    return baseModelNameOrPath;
  }

  /** The adapters by module name, in module order. */
  public Map<String, LoraAdapter> adapters() {
    return Collections.unmodifiableMap(adapters);
  }

  /**
   * The trainable float32 matrices under PEFT's saved names ({@code
   * base_model.model.<module>.lora_A.weight}, then {@code .lora_B.weight}, module by module): the
   * optimizer's parameters and exactly the tensors of {@code adapter_model.safetensors}.
   */
  @Override
  public Map<String, Tensor> trainableParameters() {
    Map<String, Tensor> params = new LinkedHashMap<>();
    adapters.forEach(
        (module, a) -> {
          params.put(PeftAdapterFiles.loraAKey(module), a.a());
          params.put(PeftAdapterFiles.loraBKey(module), a.b());
        });
    return params;
  }

  /** Number of trainable values (elements of all A and B matrices). */
  public long trainableParameterCount() {
    long n = 0;
    for (LoraAdapter a : adapters.values()) {
      n += a.a().numel() + a.b().numel();
    }
    return n;
  }

  /** Turns adapter dropout on (training) or off (evaluation, generation). Off at first. */
  @Override
  public void setTraining(boolean on) {
    this.training = on;
  }

  public boolean isTraining() {
    return training;
  }

  /**
   * Switches every adapter off until the returned handle is closed: the model computes exactly the
   * frozen base model, from the same weight tensors. This is how DPO gets reference log-probs under
   * LoRA without a second copy of the weights (PEFT's {@code disable_adapter()}). Handles nest;
   * closing one restores the state it found. Like all tensor work on one model, use it from one
   * thread.
   */
  public AdaptersDisabled disableAdapters() {
    boolean before = enabled;
    enabled = false;
    return () -> enabled = before;
  }

  /** False inside {@link #disableAdapters()}. */
  public boolean adaptersEnabled() {
    return enabled;
  }

  /** Closing it switches the adapters back on (to the state before the switch). */
  @FunctionalInterface
  public interface AdaptersDisabled extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Adds {@code scaling * B A} to each targeted base weight (rounded once to the base dtype) and
   * detaches the adapters: the model then computes what base+adapter computed, at base speed.
   */
  public void merge() {
    requireAttached("merge");
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (Map.Entry<String, LoraAdapter> e : adapters.entrySet()) {
        try (PointerScope s = new PointerScope()) {
          Tensor w = decoder.linears().get(e.getKey()).weight();
          Tensor delta = e.getValue().deltaWeight().to(w.device(), ScalarType.Float);
          w.copy_(w.to(ScalarType.Float).add(delta).to(w.scalar_type()));
        }
      }
    }
    detach();
  }

  /** Removes the adapters without merging: the model is the base model again. */
  public void detach() {
    requireAttached("detach");
    Map<String, Linear> linears = decoder.linears();
    for (String module : adapters.keySet()) {
      linears.get(module).detach();
    }
    attached = false;
  }

  /** The PEFT config this adapter is saved with. */
  public PeftAdapterConfig peftConfig(String baseModelNameOrPath) {
    return new PeftAdapterConfig(
        config.rank(),
        config.alpha(),
        config.dropout(),
        config.savedTargetModules(),
        null,
        config.useRslora(),
        baseModelNameOrPath != null ? baseModelNameOrPath : this.baseModelNameOrPath,
        PeftAdapterConfig.CAUSAL_LM);
  }

  /**
   * Saves the adapter as PEFT does, atomically replacing directory {@code dir}.
   *
   * @param baseModelNameOrPath written as {@code base_model_name_or_path}; null keeps the loaded
   *     adapter's value
   */
  public void save(Path dir, String baseModelNameOrPath) {
    PeftAdapterFiles.save(dir, peftConfig(baseModelNameOrPath), trainableParameters());
  }

  /**
   * Writes {@code adapter_config.json} and {@code adapter_model.safetensors} into existing
   * directory {@code dir}, for a caller that writes more files there inside {@link
   * ai.brandtune.io.CheckpointDirectory#writeAtomically}.
   */
  @Override
  public void writeTo(Path dir, String baseModelNameOrPath) throws IOException {
    PeftAdapterFiles.write(dir, peftConfig(baseModelNameOrPath), trainableParameters());
  }

  private void attachAll(
      Map<String, Linear> targets,
      Map<String, Tensor[]> matrices,
      Consumer<Map<String, Tensor>> frozen) {
    Map<String, Tensor> base = new HashMap<>();
    frozen.accept(base);
    freeze(base);
    for (Map.Entry<String, Linear> e : targets.entrySet()) {
      Tensor[] ab = matrices.get(e.getKey());
      LoraAdapter adapter =
          new LoraAdapter(
              ab[0],
              ab[1],
              config.scaling(),
              config.dropout(),
              this::isTraining,
              this::adaptersEnabled);
      e.getValue().attach(adapter);
      adapters.put(e.getKey(), adapter);
    }
    attached = true;
  }

  private void requireAttached(String action) {
    if (!attached) {
      throw new IllegalStateException("cannot " + action + ": the adapters are already detached");
    }
  }

  /** The model's projections {@code config} targets; every target entry must match one. */
  private static Map<String, Linear> select(
      Map<String, Linear> linears, LoraConfig config, String where) {
    Map<String, Linear> selected = new LinkedHashMap<>();
    linears.forEach(
        (name, linear) -> {
          if (config.targets(name)) {
            selected.put(name, linear);
          }
        });
    if (!config.allLinear()) {
      for (String t : config.targetModules()) {
        boolean matched =
            linears.keySet().stream().anyMatch(n -> n.equals(t) || n.endsWith("." + t));
        if (!matched) {
          throw new BrandtuneException(
              where
                  + ": '"
                  + t
                  + "' matches no module of this model (it has "
                  + linears.size()
                  + " projections, e.g. "
                  + linears.keySet().iterator().next()
                  + ")");
        }
      }
    }
    return selected;
  }

  private static List<String> matchPattern(
      Map<String, Linear> linears, String regex, Path configFile) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new BrandtuneException(
          configFile + ": field 'target_modules' is not a valid pattern: " + e.getMessage());
    }
    List<String> names = new ArrayList<>();
    for (String name : linears.keySet()) {
      if (p.matcher(name).matches()) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new BrandtuneException(
          configFile + ": field 'target_modules' pattern '" + regex + "' matches no module");
    }
    return names;
  }

  private static void checkKeys(
      SafetensorsFile file,
      Map<String, Linear> linears,
      Map<String, Linear> selected,
      Set<String> otherKeys) {
    for (String key : file.names()) {
      if (otherKeys.contains(key)) {
        continue;
      }
      String[] parsed = PeftAdapterFiles.parseKey(key);
      if (parsed == null) {
        throw tensorError(
            file,
            key,
            "not a LoRA matrix in PEFT's layout ("
                + PeftAdapterFiles.KEY_PREFIX
                + "<module>.lora_A.weight or .lora_B.weight)");
      }
      String module = parsed[0];
      if (!linears.containsKey(module)) {
        throw tensorError(
            file,
            key,
            "unknown module '"
                + module
                + "': the base model has no such projection (an adapter for another model?)");
      }
      if (!selected.containsKey(module)) {
        throw tensorError(
            file,
            key,
            "module '" + module + "' is not in the target_modules of " + PeftAdapterFiles.CONFIG);
      }
    }
    for (String module : selected.keySet()) {
      for (String key :
          List.of(PeftAdapterFiles.loraAKey(module), PeftAdapterFiles.loraBKey(module))) {
        if (!file.contains(key)) {
          throw tensorError(
              file,
              key,
              "missing (" + PeftAdapterFiles.CONFIG + " targets module '" + module + "')");
        }
      }
    }
  }

  /** {@code rankDim} is where r sits in the expected shape, to tell a rank mismatch apart. */
  private static void checkShape(SafetensorsFile file, String key, long[] expected, int rankDim) {
    TensorEntry entry = file.entry(key);
    long[] actual = entry.shape();
    if (Arrays.equals(actual, expected)) {
      if (!FLOAT_TYPES.contains(entry.dtype())) {
        throw tensorError(file, key, "dtype " + entry.dtype() + " is not a floating-point type");
      }
      return;
    }
    int other = 1 - rankDim;
    if (actual.length == 2 && actual[other] == expected[other]) {
      throw tensorError(
          file,
          key,
          "rank mismatch: the tensor has rank "
              + actual[rankDim]
              + " but "
              + PeftAdapterFiles.CONFIG
              + " says r="
              + expected[rankDim]);
    }
    throw tensorError(
        file,
        key,
        "has shape "
            + Arrays.toString(actual)
            + " but the base model needs "
            + Arrays.toString(expected)
            + " (an adapter for another model?)");
  }

  private static Tensor loadMatrix(SafetensorsFile file, String key, Device device) {
    return Scopes.persistent(() -> trainable(file.load(key).to(device, ScalarType.Float)));
  }

  private static BrandtuneException tensorError(SafetensorsFile file, String key, String message) {
    return new BrandtuneException(file.path() + ": tensor '" + key + "': " + message);
  }

  private static Tensor trainable(Tensor t) {
    t.set_requires_grad(true);
    return t;
  }

  private static void freeze(Map<String, Tensor> parameters) {
    try (PointerScope s = new PointerScope()) {
      for (Tensor p : parameters.values()) {
        p.set_requires_grad(false);
      }
    }
  }
}
