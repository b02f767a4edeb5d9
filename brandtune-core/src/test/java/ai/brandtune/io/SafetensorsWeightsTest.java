package ai.brandtune.io;

import static ai.brandtune.io.SafetensorsTestSupport.bytesOf;
import static ai.brandtune.io.SafetensorsTestSupport.randomTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.DType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWeightsTest {

  @TempDir Path dir;

  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  @BeforeEach
  void sevenTensors() {
    Random random = new Random(11);
    tensors.put("model.embed_tokens.weight", randomTensor(DType.BF16, new long[] {10, 4}, random));
    for (int layer = 0; layer < 2; layer++) {
      String p = "model.layers." + layer + ".";
      tensors.put(
          p + "self_attn.q_proj.weight", randomTensor(DType.F32, new long[] {4, 4}, random));
      tensors.put(p + "input_layernorm.weight", randomTensor(DType.F32, new long[] {4}, random));
    }
    tensors.put("model.norm.weight", randomTensor(DType.F16, new long[] {4}, random));
    tensors.put("lm_head.weight", randomTensor(DType.BF16, new long[] {10, 4}, random));
  }

  private long totalBytes() {
    return tensors.values().stream().mapToLong(Tensor::nbytes).sum();
  }

  private String[] shardFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  private void assertSameTensors(SafetensorsWeights weights) {
    assertThat(weights.names()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      assertThat(bytesOf(weights.load(e.getKey()))).as(e.getKey()).isEqualTo(bytesOf(e.getValue()));
    }
  }

  @Test
  void shardedCheckpointRoundTripsThroughTheIndex() throws Exception {
    SafetensorsWriter.writeSharded(dir, tensors, 100);

    assertThat(shardFiles())
        .containsExactly(
            "model-00001-of-00004.safetensors",
            "model-00002-of-00004.safetensors",
            "model-00003-of-00004.safetensors",
            "model-00004-of-00004.safetensors",
            "model.safetensors.index.json");
    JsonNode index =
        new ObjectMapper().readTree(dir.resolve("model.safetensors.index.json").toFile());
    assertThat(index.get("metadata").get("total_size").asLong()).isEqualTo(totalBytes());
    assertThat(index.get("weight_map").size()).isEqualTo(tensors.size());
    assertThat(index.get("weight_map").get("model.embed_tokens.weight").asText())
        .isEqualTo("model-00001-of-00004.safetensors");
    assertThat(index.get("weight_map").get("lm_head.weight").asText())
        .isEqualTo("model-00004-of-00004.safetensors");

    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      assertThat(weights.source().getFileName().toString())
          .isEqualTo("model.safetensors.index.json");
      assertSameTensors(weights);
      assertThat(weights.entry("model.norm.weight").dtype()).isEqualTo(DType.F16);
    }
    try (SafetensorsWeights weights =
        SafetensorsWeights.open(dir.resolve("model.safetensors.index.json"))) {
      assertSameTensors(weights);
    }
    try (SafetensorsFile shard =
        SafetensorsFile.open(dir.resolve("model-00002-of-00004.safetensors"))) {
      assertThat(shard.metadata()).containsEntry("format", "pt");
    }
  }

  /** transformers writes {@code json.dumps(index, indent=2, sort_keys=True) + "\n"}. */
  @Test
  void indexIsFormattedAsTransformersFormatsIt() throws Exception {
    Map<String, Tensor> two = new LinkedHashMap<>();
    two.put("b.weight", randomTensor(DType.F32, new long[] {2}, new Random(1)));
    two.put("a.weight", randomTensor(DType.F32, new long[] {2}, new Random(2)));
    SafetensorsWriter.writeSharded(dir, two, 8);

    String index = Files.readString(dir.resolve("model.safetensors.index.json"));
    assertThat(index)
        .isEqualTo(
            "{\n"
                + "  \"metadata\": {\n"
                + "    \"total_size\": 16\n"
                + "  },\n"
                + "  \"weight_map\": {\n"
                + "    \"a.weight\": \"model-00002-of-00002.safetensors\",\n"
                + "    \"b.weight\": \"model-00001-of-00002.safetensors\"\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void oneShardIsASingleModelFileAndReplacesOldShards() throws Exception {
    SafetensorsWriter.writeSharded(dir, tensors, 100);
    Files.writeString(dir.resolve("config.json"), "{}");

    SafetensorsWriter.writeSharded(dir, tensors, 10L << 30);

    assertThat(shardFiles()).containsExactly("config.json", "model.safetensors");
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      assertThat(weights.source().getFileName().toString()).isEqualTo("model.safetensors");
      assertSameTensors(weights);
    }
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir.resolve("model.safetensors"))) {
      assertSameTensors(weights);
    }
  }

  @Test
  void tensorLargerThanTheShardLimitGetsItsOwnShard() throws Exception {
    SafetensorsWriter.writeSharded(dir, tensors, 1);
    assertThat(shardFiles()).hasSize(tensors.size() + 1);
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      assertSameTensors(weights);
    }
  }

  @Test
  void checkNamesPassesOnAnExactMatch() {
    SafetensorsWriter.writeSharded(dir, tensors, 100);
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      assertThatCode(() -> weights.checkNames(tensors.keySet())).doesNotThrowAnyException();
    }
  }

  @Test
  void checkNamesListsMissingAndUnexpectedWithCounts() {
    SafetensorsWriter.writeSharded(dir, tensors, 100);
    Set<String> expected = new HashSet<>(tensors.keySet());
    expected.remove("lm_head.weight");
    expected.addAll(
        IntStream.range(0, 12).mapToObj(i -> "extra." + i + ".weight").collect(Collectors.toSet()));
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      assertThatThrownBy(() -> weights.checkNames(expected))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("model.safetensors.index.json")
          .hasMessageContaining("12 missing")
          .hasMessageContaining("'extra.0.weight'")
          .hasMessageContaining("... and 2 more")
          .hasMessageContaining("1 unexpected: 'lm_head.weight'");
    }
  }

  @Test
  void missingShardIsNamedWithTheIndex() throws Exception {
    SafetensorsWriter.writeSharded(dir, tensors, 100);
    Files.delete(dir.resolve("model-00003-of-00004.safetensors"));
    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("model.safetensors.index.json")
        .hasMessageContaining("model-00003-of-00004.safetensors")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("tensor 'model.layers.1.");
  }

  @Test
  void indexMappingATensorToTheWrongShard() throws Exception {
    SafetensorsWriter.writeSharded(dir, tensors, 100);
    Path index = dir.resolve("model.safetensors.index.json");
    String json = Files.readString(index);
    json =
        json.replace(
            "\"lm_head.weight\": \"model-00004-of-00004.safetensors\"",
            "\"lm_head.weight\": \"model-00001-of-00004.safetensors\"");
    Files.writeString(index, json);

    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("model.safetensors.index.json")
        .hasMessageContaining("tensor 'lm_head.weight'")
        .hasMessageContaining("model-00001-of-00004.safetensors")
        .hasMessageContaining("no such tensor");
  }

  @Test
  void malformedIndexFiles() throws Exception {
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(index, "{\"weight_map\": ");
    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("model.safetensors.index.json")
        .hasMessageContaining("not valid JSON");
    Files.writeString(index, "{\"metadata\": {}}");
    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("model.safetensors.index.json")
        .hasMessageContaining("weight_map");
    Files.writeString(index, "{\"weight_map\": {\"a\": 3}}");
    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("tensor 'a'");
    Files.write(
        index,
        "{\"weight_map\": {\"a\": \"../outside.safetensors\"}}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoryWithoutWeightsAndUnknownTensor() throws Exception {
    assertThatThrownBy(() -> SafetensorsWeights.open(dir))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("model.safetensors");
    SafetensorsWriter.writeSharded(dir, tensors, 1L << 20);
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir)) {
      assertThatThrownBy(() -> weights.load("model.layers.9.mlp.weight"))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("model.safetensors")
          .hasMessageContaining("tensor 'model.layers.9.mlp.weight'");
    }
  }
}
