package ai.brandtune.brand;

import java.util.List;

/**
 * An effect dictionary entry ({@code effects.yaml}): canonical name, aliases that unambiguously
 * claim the effect, and whether the claim is regulated (needs special-use registration in China).
 */
public record Effect(String name, List<String> aliases, boolean regulated) {
  public Effect {
    aliases = List.copyOf(aliases);
  }
}
