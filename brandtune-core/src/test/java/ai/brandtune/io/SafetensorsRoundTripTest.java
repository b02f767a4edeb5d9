package ai.brandtune.io;

import static ai.brandtune.io.SafetensorsTestSupport.bytesOf;
import static ai.brandtune.io.SafetensorsTestSupport.headerText;
import static ai.brandtune.io.SafetensorsTestSupport.randomTensor;
import static ai.brandtune.io.SafetensorsTestSupport.shapeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.DType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsRoundTripTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyDtypeRoundTripsBitExact(DType dtype) {
    Random random = new Random(42 + dtype.ordinal());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("matrix", randomTensor(dtype, new long[] {3, 5}, random));
    tensors.put("vector", randomTensor(dtype, new long[] {7}, random));
    tensors.put("scalar", randomTensor(dtype, new long[] {}, random));
    tensors.put("empty", randomTensor(dtype, new long[] {0, 4}, random));
    Path file = dir.resolve("t.safetensors");

    SafetensorsWriter.write(file, tensors, Map.of());

    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      assertThat(st.names()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        Tensor loaded = st.load(e.getKey());
        assertThat(DType.fromScalarType(loaded.scalar_type())).contains(dtype);
        assertThat(loaded.is_cpu()).isTrue();
        assertThat(shapeOf(loaded)).isEqualTo(shapeOf(e.getValue()));
        assertThat(bytesOf(loaded)).isEqualTo(bytesOf(e.getValue()));
        assertThat(st.entry(e.getKey()).dtype()).isEqualTo(dtype);
        assertThat(st.entry(e.getKey()).shape()).isEqualTo(shapeOf(e.getValue()));
      }
    }
  }

  @Test
  void headerIsPaddedTaggedPtAndInReferenceOrder() throws Exception {
    Random random = new Random(7);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    // Inserted in an order unlike the reference's, to see the writer sort.
    String[][] specs = {
      {"mask", "BOOL"},
      {"b_f32", "F32"},
      {"u8", "U8"},
      {"h", "F16"},
      {"a_f32", "F32"},
      {"i8", "I8"},
      {"bf", "BF16"},
      {"i16", "I16"},
      {"d", "F64"},
      {"i32", "I32"},
      {"i64", "I64"}
    };
    for (String[] s : specs) {
      tensors.put(s[0], randomTensor(DType.valueOf(s[1]), new long[] {3}, random));
    }
    Path file = dir.resolve("order.safetensors");

    SafetensorsWriter.write(file, tensors, Map.of("note", "hello"));

    String header = headerText(file);
    assertThat(header.length() % 8).isZero();
    String json = header.stripTrailing();
    assertThat(header.substring(json.length())).matches(" {0,7}");
    JsonNode root = new ObjectMapper().readTree(json);
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "__metadata__",
            "i64",
            "d",
            "a_f32",
            "b_f32",
            "i32",
            "bf",
            "h",
            "i16",
            "i8",
            "u8",
            "mask");
    assertThat(root.get("__metadata__").get("format").asText()).isEqualTo("pt");
    assertThat(root.get("__metadata__").get("note").asText()).isEqualTo("hello");
    long expectedBegin = 0;
    for (String key : keys.subList(1, keys.size())) {
      JsonNode offsets = root.get(key).get("data_offsets");
      assertThat(offsets.get(0).asLong()).isEqualTo(expectedBegin);
      expectedBegin = offsets.get(1).asLong();
    }
    assertThat(Files.size(file)).isEqualTo(8 + header.length() + expectedBegin);
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      assertThat(st.metadata()).containsEntry("format", "pt").containsEntry("note", "hello");
    }
  }

  @Test
  void metadataMayChooseItsOwnFormat() {
    Path file = dir.resolve("np.safetensors");
    SafetensorsWriter.write(file, Map.of(), Map.of("format", "np"));
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      assertThat(st.metadata()).containsExactly(Map.entry("format", "np"));
      assertThat(st.names()).isEmpty();
    }
  }

  @Test
  void nonContiguousTensorIsWrittenInLogicalOrder() {
    Tensor base = randomTensor(DType.F32, new long[] {4, 6}, new Random(1));
    Tensor transposed = base.t();
    assertThat(transposed.is_contiguous()).isFalse();
    Path file = dir.resolve("t.safetensors");

    SafetensorsWriter.write(file, Map.of("w", transposed), Map.of());

    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      Tensor loaded = st.load("w");
      assertThat(shapeOf(loaded)).containsExactly(6, 4);
      assertThat(torch.equal(loaded, transposed)).isTrue();
      assertThat(bytesOf(loaded)).isEqualTo(bytesOf(transposed));
    }
  }

  @Test
  void loadedTensorOwnsItsMemoryAfterTheFileIsClosed() {
    Tensor original = randomTensor(DType.BF16, new long[] {16, 8}, new Random(3));
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(file, Map.of("w", original), Map.of());

    Tensor loaded;
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      loaded = st.load("w");
    }
    System.gc();

    assertThat(bytesOf(loaded)).isEqualTo(bytesOf(original));
    assertThat(loaded.isNull()).isFalse();
  }

  @Test
  @SuppressWarnings("try")
  void loadedTensorBelongsToTheCallersScope() {
    Path file = dir.resolve("t.safetensors");
    SafetensorsWriter.write(
        file, Map.of("w", randomTensor(DType.F32, new long[] {4}, new Random(5))), Map.of());

    Tensor loaded;
    try (SafetensorsFile st = SafetensorsFile.open(file);
        PointerScope scope = new PointerScope()) {
      loaded = st.load("w");
      assertThat(loaded.isNull()).isFalse();
      assertThat(loaded.referenceCount()).isEqualTo(1);
    }
    assertThat(loaded.isNull()).as("freed with the caller's scope").isTrue();
  }

  @Test
  @SuppressWarnings("try")
  void loadsInsideScopesReleaseTheirMemory() {
    Path file = dir.resolve("t.safetensors");
    long[] shape = {4L << 20}; // 16 MB of F32
    SafetensorsWriter.write(
        file, Map.of("w", randomTensor(DType.F32, shape, new Random(6))), Map.of());
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      long before = Pointer.physicalBytes();
      for (int i = 0; i < 30; i++) {
        try (PointerScope scope = new PointerScope()) {
          st.load("w");
        }
      }
      // 30 leaked loads would be 480 MB.
      assertThat(Pointer.physicalBytes() - before).isLessThan(160L << 20);
    }
  }

  @Test
  void failedWriteLeavesTheOldFileAndNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("t.safetensors");
    Tensor good = randomTensor(DType.F32, new long[] {2}, new Random(9));
    SafetensorsWriter.write(file, Map.of("w", good), Map.of());
    byte[] before = Files.readAllBytes(file);
    Tensor complex = torch.ones(2).to(torch.ScalarType.ComplexFloat);

    assertThatThrownBy(
            () -> SafetensorsWriter.write(file, Map.of("w", good, "z", complex), Map.of()))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("t.safetensors")
        .hasMessageContaining("'z'")
        .hasMessageContaining("ComplexFloat");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("t.safetensors");
    }
  }

  @Test
  void undefinedTensorAndReservedNameAreRejected() {
    Path file = dir.resolve("t.safetensors");
    assertThatThrownBy(() -> SafetensorsWriter.write(file, Map.of("w", new Tensor()), Map.of()))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("t.safetensors")
        .hasMessageContaining("'w'");
    Tensor t = randomTensor(DType.F32, new long[] {1}, new Random(2));
    assertThatThrownBy(() -> SafetensorsWriter.write(file, Map.of("__metadata__", t), Map.of()))
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining("__metadata__");
    assertThat(file).doesNotExist();
  }
}
