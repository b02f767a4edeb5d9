package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.TestKit;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.serve.OpenAiServer;
import ai.brandtune.serve.ServeConfig;
import ai.brandtune.serve.ServedModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.reward.RewardScorer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/**
 * The studio's API with a reward model: variants carry the checker's findings and score and the
 * reward model's score for exactly that copy.
 */
class StudioApiTest {

  @Test
  void generateReturnsVariantsWithTheirChecksAndRewards() throws Exception {
    ModelOptions options = new ModelOptions();
    options.dir = ServeFixture.tinyModel();
    options.device = "cpu";
    options.dtype = "float32";
    // the small test kit keeps prompts short (the built-in kit's are ~3700 byte-level tokens)
    BrandKit kit = TestKit.load();
    try (LoadedModel loaded = LoadedModel.load(options);
        RewardScorer scorer =
            new RewardScorer(
                RewardModelCheckpoint.fromPretrained(
                    options.dir, Devices.cpu(), ScalarType.Float, 11, (int) loaded.padId()),
                loaded.tokenizer(),
                RewardScorer.Options.defaults())) {
      ServedModel served =
          new ServedModel(loaded.model(), loaded.tokenizer(), loaded.eosIds(), loaded.padId());
      ServeConfig config = ServeConfig.defaults("tiny").withPort(0);
      try (OpenAiServer server = OpenAiServer.start(config, served, kit, scorer)) {
        String base = "http://127.0.0.1:" + server.port();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode products =
            ServeFixture.JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/products")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
        assertThat(products).hasSize(kit.products().size());
        assertThat(products.get(0).get("id").asText()).isEqualTo(kit.products().get(0).id());

        String body =
            "{\"product_id\":\"T02\",\"content_type_id\":\"note\","
                + "\"extra_instruction\":\"突出温和\",\"n\":2,\"max_tokens\":16,\"seed\":3}";
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = ServeFixture.JSON.readTree(r.body());
        JsonNode variants = result.get("variants");
        assertThat(variants).hasSize(2);

        List<ChatMessage> prompt =
            new PromptBuilder(kit)
                .build(kit.requireProduct("T02"), kit.requireContentType("note"), "突出温和");
        BrandChecker checker = new BrandChecker(kit);
        for (JsonNode v : variants) {
          String text = v.get("text").asText();
          CheckResult check = checker.check(text, "T02", "note");
          assertThat(v.get("brand_score").asDouble())
              .isCloseTo(check.score().total(), within(1e-9));
          assertThat(v.get("findings")).hasSize(check.findings().size());
          for (int i = 0; i < check.findings().size(); i++) {
            JsonNode f = v.get("findings").get(i);
            assertThat(f.get("rule").asText()).isEqualTo(check.findings().get(i).rule().id());
            assertThat(f.get("start").asInt()).isEqualTo(check.findings().get(i).start());
            assertThat(f.get("end").asInt()).isBetween(f.get("start").asInt(), text.length());
          }
          // the model thread is idle now, so scoring here does not race it
          assertThat(v.get("reward_score").asDouble())
              .isCloseTo(scorer.score(prompt, text), within(1e-5));
        }
        assertThat(result.get("usage").get("prompt_tokens").asInt())
            .isEqualTo(served.promptIds(prompt).length);
      }
    }
  }
}
