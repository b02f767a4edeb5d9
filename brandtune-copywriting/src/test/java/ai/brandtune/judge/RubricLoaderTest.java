package ai.brandtune.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RubricLoaderTest {

  @Test
  void builtInRubricsAnchorEveryScoreAndCarryTheHardCaps() {
    Map<String, Rubric> r = RubricLoader.builtIn();
    assertThat(r).containsOnlyKeys("social_note", "ecommerce", "ad");
    assertThat(r.get("social_note").dimensionIds())
        .contains("authenticity_immersion", "value_engagement", "brand_fit", "factual_accuracy");
    assertThat(r.get("ecommerce").dimensionIds())
        .contains(
            "professionalism_persuasion",
            "clarity_value",
            "trust_building",
            "brand_fit",
            "factual_accuracy");
    assertThat(r.get("ad").dimensionIds())
        .contains(
            "suitability_brevity",
            "click_appeal",
            "cta_effectiveness",
            "brand_fit",
            "factual_accuracy");
    for (Rubric rubric : r.values()) {
      for (Rubric.Dimension d : rubric.dimensions()) {
        assertThat(d.anchors()).as(rubric.group() + "/" + d.id()).containsOnlyKeys(1, 2, 3, 4, 5);
      }
      assertThat(rubric.caps())
          .contains(
              new Rubric.Cap(
                  CapCondition.FACT_CONTRADICTION,
                  "factual_accuracy",
                  1,
                  rubric.caps().get(0).text()));
      assertThat(rubric.caps())
          .anyMatch(
              c ->
                  c.when() == CapCondition.BANNED_KEYWORD
                      && c.dimension().equals("brand_fit")
                      && c.max() == 2);
    }
    assertThat(r.get("ad").caps())
        .anyMatch(
            c ->
                c.when() == CapCondition.MISSING_CTA
                    && c.dimension().equals("cta_effectiveness")
                    && c.max() == 1);
    // the system prompt shows every anchor
    String system = JudgePrompt.system(r.get("ad"), true);
    assertThat(system)
        .contains("参考文案的水平记为 4 分")
        .contains("cta_effectiveness")
        .contains("1 分：没有行动号召");
  }

  @Test
  void aMissingAnchorIsNamed() {
    String yaml =
        "group: ad\nname: x\ndimensions:\n  - id: brand_fit\n    name: 调性\n    anchors:\n      5: a\n      4: b\n      3: c\n      1: e\n";
    assertThatThrownBy(() -> RubricLoader.parse(yaml, "ad.yaml"))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("ad.yaml: dimension brand_fit: anchors: score 2");
  }
}
