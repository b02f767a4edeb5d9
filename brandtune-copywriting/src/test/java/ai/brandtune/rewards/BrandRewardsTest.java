package ai.brandtune.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.grpo.RewardFunction;
import ai.brandtune.train.grpo.RewardRegistry;
import ai.brandtune.train.grpo.RewardSample;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The brand reward functions on the shipped preference evaluation set (golden copy vs. its
 * exaggerated and fabricated rewrites, made by rule): golden copies score the maximum, so never
 * below a variant, and each function scores the golden copies strictly above the variants its rule
 * family can see: exaggerated rewrites for banned, hype and structure (the inserted hype
 * sentences), fabricated ones for facts. CTA, length and meta cannot tell these variants apart (the
 * rewrites keep the call to action, stay in the length range and add no meta-commentary), so for
 * them only the "never below" half is asserted; {@code brand_cta} also abstains on the social
 * content types. {@code brand_score}, the overall score, sees both kinds.
 */
class BrandRewardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<JsonNode> RECORDS = new ArrayList<>();
  private static List<RewardFunction> functions;

  @BeforeAll
  static void load() throws Exception {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                BrandRewardsTest.class.getResourceAsStream(
                    "/ai/brandtune/brand/default/preference_eval.jsonl"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          RECORDS.add(JSON.readTree(line));
        }
      }
    }
    functions = BrandRewards.all(BrandKit.builtIn());
  }

  static RewardSample sample(JsonNode r, String text) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("product_id", r.get("meta").get("product_id").asText());
    meta.put("content_type", r.get("meta").get("content_type").asText());
    return new RewardSample(List.of(ChatMessage.user("write")), text, 100, false, meta, null);
  }

  static final Map<String, Set<String>> SEES =
      Map.of(
          BrandRewards.BANNED, Set.of("exaggerated"),
          BrandRewards.HYPE, Set.of("exaggerated"),
          BrandRewards.STRUCTURE, Set.of("exaggerated"),
          BrandRewards.FACTS, Set.of("fabricated"),
          BrandRewards.SCORE, Set.of("exaggerated", "fabricated"));

  @Test
  void goldenCopyScoresAboveItsExaggeratedAndFabricatedVariants() {
    for (RewardFunction f : functions) {
      for (String type : List.of("exaggerated", "fabricated")) {
        double golden = 0;
        double variant = 0;
        int pairs = 0;
        for (JsonNode r : RECORDS) {
          if (!r.get("rejected_type").asText().equals(type)) {
            continue;
          }
          Double g = f.score(sample(r, r.get("chosen").asText()));
          Double v = f.score(sample(r, r.get("rejected").asText()));
          assertThat(g == null)
              .as("%s abstains alike on both copies", f.name())
              .isEqualTo(v == null);
          if (g == null) {
            continue;
          }
          assertThat(g)
              .as("%s: golden %s vs %s variant", f.name(), g, type)
              .isGreaterThanOrEqualTo(v);
          golden += g;
          variant += v;
          pairs++;
        }
        assertThat(pairs).as("%s on %s", f.name(), type).isPositive();
        if (SEES.getOrDefault(f.name(), Set.of()).contains(type)) {
          assertThat(golden / pairs).as("%s on %s", f.name(), type).isGreaterThan(variant / pairs);
        }
      }
    }
  }

  static RewardFunction named(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  /** Cuts the copy's last sentence (where the call to action sits). */
  static String withoutLastSentence(String text) {
    String t = text.strip();
    int end = t.substring(0, t.length() - 1).lastIndexOf('。');
    return end < 0 ? t : t.substring(0, end + 1);
  }

  @Test
  void ctaLengthAndMetaSeeTheirOwnFlaws() {
    int ctaPairs = 0;
    for (JsonNode r : RECORDS) {
      String golden = r.get("chosen").asText();
      RewardSample g = sample(r, golden);
      assertThat(named(BrandRewards.META).score(sample(r, "以下是为您撰写的文案：\n" + golden)))
          .isLessThan(named(BrandRewards.META).score(g));
      assertThat(named(BrandRewards.LENGTH).score(sample(r, golden.repeat(4))))
          .isLessThan(named(BrandRewards.LENGTH).score(g));
      Double cta = named(BrandRewards.CTA).score(g);
      if (cta != null) {
        assertThat(named(BrandRewards.CTA).score(sample(r, withoutLastSentence(golden))))
            .isLessThan(cta);
        ctaPairs++;
      }
    }
    assertThat(ctaPairs).isPositive();
  }

  @Test
  void abstainsWithoutAContentTypeAndCtaOnlyWhereRequired() {
    RewardSample none =
        new RewardSample(List.of(ChatMessage.user("x")), "文案", 3, false, Map.of(), null);
    for (RewardFunction f : functions) {
      assertThat(f.score(none)).as(f.name()).isNull();
    }
    RewardFunction cta =
        functions.stream().filter(f -> f.name().equals(BrandRewards.CTA)).findFirst().orElseThrow();
    RewardSample social =
        new RewardSample(
            List.of(ChatMessage.user("x")),
            "文案",
            3,
            false,
            Map.of("content_type", "social_media_review"),
            null);
    assertThat(cta.score(social)).isNull();
    RewardFunction facts =
        functions.stream()
            .filter(f -> f.name().equals(BrandRewards.FACTS))
            .findFirst()
            .orElseThrow();
    assertThat(facts.score(social)).as("no product: no fact check").isNull();
  }

  @Test
  void registeredByNameNextToCoreFunctions() {
    RewardRegistry registry = BrandRewards.addTo(RewardRegistry.builtIn());
    assertThat(registry.names()).containsAll(BrandRewards.NAMES).contains("reward_model");
    assertThat(registry.create(BrandRewards.HYPE, null).name()).isEqualTo(BrandRewards.HYPE);
  }
}
