package ai.brandtune.synth;

import java.util.Locale;

/** The kinds of rejected variant, with the defect each must carry according to the checker. */
public enum RejectType {
  /** Flat, generic, without the brand's persona, structure or call to action; no rule broken. */
  WEAK,
  /** Off-voice: hype, banned words, exclamation marks, absolute terms, anxiety selling. */
  EXAGGERATED,
  /** One or two concrete claims the catalog contradicts. */
  FABRICATED;

  /** The id written in {@code rejected_types} ({@code weak}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RejectType fromId(String id) {
    for (RejectType t : values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown rejected type " + id);
  }
}
