package ai.brandtune.train.grpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.train.grpo.gsm8k.Gsm8kRewards;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reward functions by name, as {@code reward_funcs} lists them. Core registers what it knows
 * ({@link #builtIn()}: {@code reward_model} and the GSM8K recipe); the app adds the brand-rule
 * functions from the copywriting module, which core must not depend on. Immutable: {@link #with}
 * returns a new registry.
 */
public final class RewardRegistry {
  /** Builds a function from the run's settings (a model path, a brand kit directory, ...). */
  @FunctionalInterface
  public interface Factory {
    RewardFunction create(RewardSettings settings);
  }

  private final Map<String, Factory> factories;

  private RewardRegistry(Map<String, Factory> factories) {
    this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
  }

  /** No functions at all. */
  public static RewardRegistry empty() {
    return new RewardRegistry(Map.of());
  }

  /** Core's functions: {@code reward_model} and the {@code gsm8k_*} recipe. */
  public static RewardRegistry builtIn() {
    RewardRegistry r = empty().with(RewardModelReward.NAME, RewardModelReward::open);
    for (RewardFunction f : Gsm8kRewards.all()) {
      r = r.with(f.name(), settings -> f);
    }
    return r;
  }

  /** This registry plus {@code name}; a name already present is replaced. */
  public RewardRegistry with(String name, Factory factory) {
    Map<String, Factory> all = new LinkedHashMap<>(factories);
    all.put(name, factory);
    return new RewardRegistry(all);
  }

  public Set<String> names() {
    return factories.keySet();
  }

  /** Builds the function called {@code name}; an unknown name lists the known ones. */
  public RewardFunction create(String name, RewardSettings settings) {
    Factory f = factories.get(name);
    if (f == null) {
      throw new BrandtuneException(
          "reward_funcs: unknown reward function '" + name + "' (known: " + names() + ")");
    }
    return f.create(settings);
  }

  /**
   * Builds every function in {@code names}, in order; if one fails, those already built are closed.
   */
  public List<RewardFunction> createAll(List<String> names, RewardSettings settings) {
    List<RewardFunction> out = new ArrayList<>();
    try {
      for (String n : names) {
        out.add(create(n, settings));
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(RewardFunction::close);
      throw e;
    }
  }
}
