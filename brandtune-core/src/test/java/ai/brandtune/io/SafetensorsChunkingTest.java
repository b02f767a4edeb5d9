package ai.brandtune.io;

import static ai.brandtune.io.SafetensorsTestSupport.bytesOf;
import static ai.brandtune.io.SafetensorsTestSupport.randomTensor;
import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The over-2-GB path, scaled down: files are mapped and written in windows (1 GiB in production),
 * so with windows of a few bytes every tensor straddles window boundaries, mid-element, and a
 * tensor many windows long is copied in pieces, as a tensor over 2 GB would be.
 */
class SafetensorsChunkingTest {

  @TempDir Path dir;

  private Map<String, Tensor> oddSizedTensors() {
    Random random = new Random(99);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("f32", randomTensor(DType.F32, new long[] {13}, random));
    tensors.put("bf16", randomTensor(DType.BF16, new long[] {7, 3}, random));
    tensors.put("i64", randomTensor(DType.I64, new long[] {5}, random));
    tensors.put("u8", randomTensor(DType.U8, new long[] {11}, random));
    tensors.put("bool", randomTensor(DType.BOOL, new long[] {3}, random));
    tensors.put("long", randomTensor(DType.F32, new long[] {1000}, random));
    return tensors;
  }

  @Test
  void tensorsStraddlingMappingWindowsLoadExactly() {
    Map<String, Tensor> tensors = oddSizedTensors();
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, tensors, Map.of());

    for (long window : new long[] {1, 3, 5, 7, 64}) {
      try (SafetensorsFile st = SafetensorsFile.open(file, window)) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
          assertThat(bytesOf(st.load(e.getKey())))
              .as("%s with window %d", e.getKey(), window)
              .isEqualTo(bytesOf(e.getValue()));
        }
      }
    }
  }

  @Test
  void writingInSmallWindowsGivesTheSameFile() throws Exception {
    Map<String, Tensor> tensors = oddSizedTensors();
    Path whole = dir.resolve("whole.safetensors");
    Path pieces = dir.resolve("pieces.safetensors");

    SafetensorsWriter.write(whole, tensors, Map.of());
    SafetensorsWriter.write(pieces, tensors, Map.of(), 3);

    assertThat(Files.readAllBytes(pieces)).isEqualTo(Files.readAllBytes(whole));
  }

  @Test
  void shardedWeightsHonourTheWindowToo() {
    Map<String, Tensor> tensors = oddSizedTensors();
    SafetensorsWriter.writeSharded(dir, tensors, 64);
    try (SafetensorsWeights weights = SafetensorsWeights.open(dir, 5)) {
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        assertThat(bytesOf(weights.load(e.getKey()))).isEqualTo(bytesOf(e.getValue()));
      }
    }
  }
}
