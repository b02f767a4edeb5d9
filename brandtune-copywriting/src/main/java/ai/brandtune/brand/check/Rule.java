package ai.brandtune.brand.check;

/**
 * Every rule the checker applies, with its stable id (used in JSON, tests and rewards) and the
 * score component it lowers.
 */
public enum Rule {
  BANNED("banned", Component.BANNED),
  ENCOURAGED("encouraged", Component.ENCOURAGED),
  EXCLAMATION("hype.exclamation", Component.HYPE),
  ABSOLUTE("hype.absolute", Component.HYPE),
  HYPE_TERM("hype.term", Component.HYPE),
  ANXIETY("tone.anxiety", Component.TONE),
  MYSTERY("tone.mystery", Component.TONE),
  CTA("format.cta", Component.FORMAT),
  STRUCTURE("format.structure", Component.FORMAT),
  TITLE("format.title", Component.FORMAT),
  HASHTAGS("format.hashtags", Component.FORMAT),
  SECTIONS("format.sections", Component.FORMAT),
  PRODUCT_NAME("format.product_name", Component.FORMAT),
  SENTENCES("format.sentences", Component.FORMAT),
  MARKDOWN("artifact.markdown", Component.FORMAT),
  META("artifact.meta", Component.FORMAT),
  PLACEHOLDER("artifact.placeholder", Component.FORMAT),
  LENGTH("length", Component.LENGTH),
  FACT_INGREDIENT("fact.ingredient", Component.FACTS),
  FACT_CONCENTRATION("fact.concentration", Component.FACTS),
  FACT_EFFECT("fact.effect", Component.FACTS),
  FACT_FREE_FROM("fact.free_from", Component.FACTS),
  FACT_SPF("fact.spf", Component.FACTS);

  private final String id;
  private final Component component;

  Rule(String id, Component component) {
    this.id = id;
    this.component = component;
  }

  public String id() {
    return id;
  }

  public Component component() {
    return component;
  }

  /** Whether the rule is about facts (the catalog), as opposed to wording or form. */
  public boolean isFact() {
    return component == Component.FACTS;
  }

  /** The score components; {@code brand.yaml}'s {@code score_weights} has one weight per entry. */
  public enum Component {
    BANNED,
    HYPE,
    TONE,
    FACTS,
    FORMAT,
    LENGTH,
    ENCOURAGED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
