package ai.brandtune.io;

import static ai.brandtune.io.SafetensorsTestSupport.floats;
import static ai.brandtune.io.SafetensorsTestSupport.randomTensor;
import static ai.brandtune.io.SafetensorsTestSupport.rawFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.DType;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file is a {@link BrandtuneException} naming the file and, if any, the tensor. */
class SafetensorsErrorsTest {

  @TempDir Path dir;

  private static final String A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  private static AbstractThrowableAssert<?, ? extends Throwable> assertOpenFails(Path file) {
    return assertThatThrownBy(() -> SafetensorsFile.open(file).close())
        .isInstanceOf(BrandtuneException.class)
        .hasMessageContaining(file.getFileName().toString());
  }

  @Test
  void fileShorterThanTheLengthPrefix() throws Exception {
    Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3, 4, 5});
    assertOpenFails(file).hasMessageContaining("5 bytes");
  }

  @Test
  void headerLengthBeyondTheFile() throws Exception {
    Path file =
        rawFile(dir, "cut.safetensors", 1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
    assertOpenFails(file).hasMessageContaining("1000").hasMessageContaining("beyond the end");
  }

  @Test
  void headerLengthOverTheLimit() throws Exception {
    Path big = rawFile(dir, "big.safetensors", 100_000_001L, new byte[16], new byte[0]);
    assertOpenFails(big).hasMessageContaining("100000001").hasMessageContaining("limit");
    Path huge = rawFile(dir, "huge.safetensors", -1L, new byte[16], new byte[0]);
    assertOpenFails(huge).hasMessageContaining("18446744073709551615");
  }

  @Test
  void headerThatIsNotJson() throws Exception {
    assertOpenFails(rawFile(dir, "bad.safetensors", "{\"a\": {\"dtype\":", new byte[0]))
        .hasMessageContaining("not valid JSON");
    assertOpenFails(rawFile(dir, "trailing.safetensors", "{} {}", new byte[0]))
        .hasMessageContaining("not valid JSON");
    assertOpenFails(rawFile(dir, "dup.safetensors", "{" + A + "," + A + "}", new byte[8]))
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("a");
    byte[] latin1 = "{\"\u00e9\":1}".getBytes(StandardCharsets.ISO_8859_1);
    assertOpenFails(rawFile(dir, "latin1.safetensors", latin1.length, latin1, new byte[0]))
        .hasMessageContaining("UTF-8");
  }

  @Test
  void headerThatIsNotAnObject() throws Exception {
    assertOpenFails(rawFile(dir, "array.safetensors", "[1, 2]", new byte[0]))
        .hasMessageContaining("not a JSON object");
    assertOpenFails(rawFile(dir, "blank.safetensors", "        ", new byte[0]))
        .hasMessageContaining("not a JSON object");
    assertOpenFails(rawFile(dir, "entry.safetensors", "{\"a\": 3}", new byte[0]))
        .hasMessageContaining("tensor 'a'");
    assertOpenFails(rawFile(dir, "meta.safetensors", "{\"__metadata__\": {\"k\": 1}}", new byte[0]))
        .hasMessageContaining("__metadata__")
        .hasMessageContaining("'k'");
  }

  @Test
  void unknownDtype() throws Exception {
    String json = "{\"w.q\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}";
    assertOpenFails(rawFile(dir, "f8.safetensors", json, new byte[2]))
        .hasMessageContaining("tensor 'w.q'")
        .hasMessageContaining("F8_E4M3");
    String missing = "{\"w.q\":{\"shape\":[2],\"data_offsets\":[0,2]}}";
    assertOpenFails(rawFile(dir, "nodtype.safetensors", missing, new byte[2]))
        .hasMessageContaining("tensor 'w.q'")
        .hasMessageContaining("dtype");
  }

  @Test
  void badShapes() throws Exception {
    for (String shape :
        new String[] {"[-2]", "[2.5]", "[\"2\"]", "2", "null", "[99999999999999999999]"}) {
      String json = "{\"w\":{\"dtype\":\"U8\",\"shape\":" + shape + ",\"data_offsets\":[0,2]}}";
      assertOpenFails(rawFile(dir, "shape.safetensors", json, new byte[2]))
          .hasMessageContaining("tensor 'w'")
          .hasMessageContaining("shape");
    }
    String overflow =
        "{\"w\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,2]}}";
    assertOpenFails(rawFile(dir, "overflow.safetensors", overflow, new byte[2]))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("too large");
  }

  @Test
  void badOffsets() throws Exception {
    for (String offsets : new String[] {"[8,0]", "[0]", "[0,8,9]", "[-1,7]", "[0,\"8\"]"}) {
      String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + offsets + "}}";
      assertOpenFails(rawFile(dir, "offsets.safetensors", json, new byte[8]))
          .hasMessageContaining("tensor 'w'")
          .hasMessageContaining("data_offsets");
    }
  }

  @Test
  void byteCountThatDisagreesWithShapeAndDtype() throws Exception {
    String json = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,8]}}";
    assertOpenFails(rawFile(dir, "count.safetensors", json, new byte[8]))
        .hasMessageContaining("tensor 'w'")
        .hasMessageContaining("hold 8 bytes")
        .hasMessageContaining("needs 6 bytes");
  }

  @Test
  void overlappingOffsets() throws Exception {
    String json = "{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    assertOpenFails(rawFile(dir, "overlap.safetensors", json, new byte[12]))
        .hasMessageContaining("tensor 'b'")
        .hasMessageContaining("overlap tensor 'a'");
  }

  @Test
  void offsetsBeyondTheFile() throws Exception {
    assertOpenFails(rawFile(dir, "beyond.safetensors", "{" + A + "}", new byte[4]))
        .hasMessageContaining("tensor 'a'")
        .hasMessageContaining("beyond the end");
  }

  @Test
  void gapInTheDataSection() throws Exception {
    String json = "{" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}";
    assertOpenFails(rawFile(dir, "gap.safetensors", json, new byte[16]))
        .hasMessageContaining("tensor 'b'")
        .hasMessageContaining("[8, 12)");
  }

  @Test
  void trailingBytesAfterTheLastTensor() throws Exception {
    assertOpenFails(rawFile(dir, "trailing.safetensors", "{" + A + "}", new byte[11]))
        .hasMessageContaining("3 trailing bytes");
    assertOpenFails(rawFile(dir, "nothing.safetensors", "{}", new byte[1]))
        .hasMessageContaining("1 trailing bytes");
  }

  @Test
  void missingTensorAndMissingFile() throws Exception {
    Path file = rawFile(dir, "ok.safetensors", "{" + A + "}", floats(1, 2));
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      assertThatThrownBy(() -> st.load("nope"))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("ok.safetensors")
          .hasMessageContaining("tensor 'nope'")
          .hasMessageContaining("'a'");
    }
    assertOpenFails(dir.resolve("absent.safetensors")).hasMessageContaining("no such");
  }

  @Test
  void fileTruncatedWhileOpen() throws Exception {
    Map<String, Tensor> tensors =
        Map.of("w", randomTensor(DType.F32, new long[] {64}, new Random(1)));
    Path file = dir.resolve("shrinks.safetensors");
    SafetensorsWriter.write(file, tensors, Map.of());
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(raf.length() - 100);
      }
      assertThatThrownBy(() -> st.load("w"))
          .isInstanceOf(BrandtuneException.class)
          .hasMessageContaining("shrinks.safetensors")
          .hasMessageContaining("changed");
    }
  }

  /** Random damage to a valid file's header may pass or fail, but only as a user error. */
  @Test
  void corruptedHeadersNeverFailOtherwise() throws Exception {
    Random random = new Random(1234);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", randomTensor(DType.F32, new long[] {3, 2}, random));
    tensors.put("b", randomTensor(DType.BF16, new long[] {5}, random));
    tensors.put("c", randomTensor(DType.I64, new long[] {2}, random));
    Path good = dir.resolve("good.safetensors");
    SafetensorsWriter.write(good, tensors, Map.of());
    byte[] original = Files.readAllBytes(good);
    int headerEnd = original.length - (6 * 4 + 5 * 2 + 2 * 8);
    int failures = 0;
    for (int i = 0; i < 300; i++) {
      byte[] damaged = original.clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        damaged[random.nextInt(headerEnd)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
      }
      Path file = Files.write(dir.resolve("damaged.safetensors"), damaged);
      Throwable thrown =
          catchThrowable(
              () -> {
                try (SafetensorsFile st = SafetensorsFile.open(file)) {
                  for (String name : st.names()) {
                    st.load(name);
                  }
                }
              });
      if (thrown != null) {
        failures++;
        assertThat(thrown)
            .isInstanceOf(BrandtuneException.class)
            .hasMessageContaining("damaged.safetensors");
      }
    }
    assertThat(failures).isGreaterThan(100);
  }
}
