package ai.brandtune.io;

import static ai.brandtune.io.SafetensorsTestSupport.bytes;
import static ai.brandtune.io.SafetensorsTestSupport.bytesOf;
import static ai.brandtune.io.SafetensorsTestSupport.concat;
import static ai.brandtune.io.SafetensorsTestSupport.floats;
import static ai.brandtune.io.SafetensorsTestSupport.littleEndian;
import static ai.brandtune.io.SafetensorsTestSupport.shapeOf;
import static ai.brandtune.io.SafetensorsTestSupport.tensorOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as the reference implementation (huggingface/safetensors) writes them: its own test vectors
 * from {@code safetensors/src/tensor.rs}, and files assembled by hand from the format spec, never
 * from our own writer's output.
 */
class SafetensorsInteropTest {

  @TempDir Path dir;

  /** tensor.rs {@code test_serialization}: "attn.0", F32 [1, 2, 3], values 0..5, no metadata. */
  private static final byte[] REFERENCE_ATTN =
      bytes(
          64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116,
          121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49,
          44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34,
          58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64,
          64, 0, 0, 128, 64, 0, 0, 160, 64);

  /** tensor.rs {@code test_serialization_forced_alignement}: "attn0", F32 [1, 1, 2, 3]. */
  private static final byte[] REFERENCE_ATTN_PADDED =
      bytes(
          72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116, 121,
          112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44,
          49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115,
          34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32, 32, 32, 0, 0, 0, 0, 0, 0,
          128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);

  /** tensor.rs {@code test_empty}: no tensors, no metadata. */
  private static final byte[] REFERENCE_EMPTY =
      bytes(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32);

  /** tensor.rs {@code test_empty}: no tensors, metadata {"framework": "pt"}. */
  private static final byte[] REFERENCE_EMPTY_WITH_METADATA =
      bytes(
          40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34,
          58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112, 116, 34, 125,
          125, 32, 32, 32, 32, 32);

  @Test
  void readsTheReferenceSerializationVectors() throws Exception {
    for (byte[] vector : List.of(REFERENCE_ATTN, REFERENCE_ATTN_PADDED)) {
      Path file = Files.write(dir.resolve("ref.safetensors"), vector);
      try (SafetensorsFile st = SafetensorsFile.open(file)) {
        String name = st.names().iterator().next();
        assertThat(st.names()).hasSize(1);
        assertThat(st.metadata()).isEmpty();
        Tensor t = st.load(name);
        assertThat(t.numel()).isEqualTo(6);
        assertThat(bytesOf(t)).isEqualTo(floats(0, 1, 2, 3, 4, 5));
        assertThat(t.sum().item_float()).isEqualTo(15f);
      }
    }
  }

  @Test
  void readsTheReferenceEmptyFiles() throws Exception {
    Path empty = Files.write(dir.resolve("empty.safetensors"), REFERENCE_EMPTY);
    try (SafetensorsFile st = SafetensorsFile.open(empty)) {
      assertThat(st.names()).isEmpty();
      assertThat(st.metadata()).isEmpty();
    }
    Path withMetadata = Files.write(dir.resolve("meta.safetensors"), REFERENCE_EMPTY_WITH_METADATA);
    try (SafetensorsFile st = SafetensorsFile.open(withMetadata)) {
      assertThat(st.names()).isEmpty();
      assertThat(st.metadata()).containsExactly(Map.entry("framework", "pt"));
    }
  }

  @Test
  void layoutMatchesTheReferenceHeaderBytes() {
    SafetensorsLayout attn =
        SafetensorsLayout.of(
            List.of(new SafetensorsLayout.Spec("attn.0", DType.F32, new long[] {1, 2, 3})),
            Map.of());
    assertThat(attn.header()).isEqualTo(Arrays.copyOf(REFERENCE_ATTN, REFERENCE_ATTN.length - 24));

    SafetensorsLayout padded =
        SafetensorsLayout.of(
            List.of(new SafetensorsLayout.Spec("attn0", DType.F32, new long[] {1, 1, 2, 3})),
            Map.of());
    assertThat(padded.header())
        .isEqualTo(Arrays.copyOf(REFERENCE_ATTN_PADDED, REFERENCE_ATTN_PADDED.length - 24));

    assertThat(SafetensorsLayout.of(List.of(), Map.of()).header()).isEqualTo(REFERENCE_EMPTY);
    assertThat(SafetensorsLayout.of(List.of(), Map.of("framework", "pt")).header())
        .isEqualTo(REFERENCE_EMPTY_WITH_METADATA);
  }

  /** Four dtypes, laid out by hand from the spec; our writer must produce exactly these bytes. */
  @Test
  void writerProducesTheSpecLayoutByteForByte() throws Exception {
    byte[] idx = littleEndian(8, 7, -1);
    byte[] attn = floats(0, 1, 2, 3, 4, 5);
    byte[] bf = littleEndian(2, 0x3f80, 0xc000); // 1.0, -2.0 in bfloat16
    byte[] mask = bytes(1, 0, 1);
    String json =
        "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"idx\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[16,40]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[40,44]},"
            + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[44,47]}}";
    byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
    int padded = (jsonBytes.length + 7) / 8 * 8;
    byte[] header = Arrays.copyOf(jsonBytes, padded);
    Arrays.fill(header, jsonBytes.length, padded, (byte) ' ');
    byte[] prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array();
    byte[] expected = concat(prefix, header, idx, attn, bf, mask);

    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("mask", tensorOf(DType.BOOL, new long[] {3}, mask));
    tensors.put("b", tensorOf(DType.BF16, new long[] {2}, bf));
    tensors.put("attn.0", tensorOf(DType.F32, new long[] {1, 2, 3}, attn));
    tensors.put("idx", tensorOf(DType.I64, new long[] {2}, idx));
    Path ours = dir.resolve("ours.safetensors");
    SafetensorsWriter.write(ours, tensors, Map.of());

    assertThat(Files.readAllBytes(ours)).isEqualTo(expected);

    Path spec = Files.write(dir.resolve("spec.safetensors"), expected);
    try (SafetensorsFile st = SafetensorsFile.open(spec)) {
      assertThat(st.names()).containsExactly("idx", "attn.0", "b", "mask");
      assertThat(st.metadata()).containsExactly(Map.entry("format", "pt"));
      assertThat(st.load("idx").sum().item_long()).isEqualTo(6);
      assertThat(st.load("b").sum().item_float()).isEqualTo(-1f);
      assertThat(st.load("mask").sum().item_long()).isEqualTo(2);
      assertThat(shapeOf(st.load("attn.0"))).containsExactly(1, 2, 3);
      assertThat(st.entry("b")).isEqualTo(new TensorEntry("b", DType.BF16, new long[] {2}, 40, 44));
    }
  }

  /** Other writers order keys freely, put metadata anywhere and use whitespace; all valid JSON. */
  @Test
  void readsHeadersWrittenInOtherStyles() throws Exception {
    String json =
        "{\n  \"b\": {\"shape\": [1], \"data_offsets\": [4, 8], \"dtype\": \"F32\"},\n"
            + "  \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},\n"
            + "  \"__metadata__\": {\"format\": \"pt\", \"\\u00e9t\\u00e9\": \"\\u2603\"}\n}\n";
    Path file = SafetensorsTestSupport.rawFile(dir, "free.safetensors", json, floats(1.5f, -2.5f));
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      assertThat(st.names()).containsExactly("a", "b");
      assertThat(st.metadata()).containsEntry("été", "☃");
      assertThat(st.load("a").item_float()).isEqualTo(1.5f);
      assertThat(st.load("b").item_float()).isEqualTo(-2.5f);
    }
  }

  @Test
  void namesAndMetadataAreEscapedAsSerdeDoes() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("quote\"back\\slash\ttab\u0001é", tensorOf(DType.U8, new long[] {1}, bytes(9)));
    Path file = dir.resolve("esc.safetensors");
    SafetensorsWriter.write(file, tensors, Map.of("k", "line\nbreak"));

    String header = SafetensorsTestSupport.headerText(file).stripTrailing();
    assertThat(header)
        .isEqualTo(
            "{\"__metadata__\":{\"format\":\"pt\",\"k\":\"line\\nbreak\"},"
                + "\"quote\\\"back\\\\slash\\ttab\\u0001é\":"
                + "{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}");
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      assertThat(st.names()).containsExactlyElementsOf(tensors.keySet());
      assertThat(st.metadata()).containsEntry("k", "line\nbreak");
    }
  }
}
