package ai.brandtune.io;

import ai.brandtune.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each tensor goes in a safetensors file we write, and the header bytes that say so, laid out
 * exactly as the reference writer (huggingface/safetensors {@code prepare}) lays them out: tensors
 * by descending dtype alignment, then by name; offsets back to back from 0; the header compact JSON
 * with {@code __metadata__} first, padded with spaces to a multiple of 8 bytes.
 */
final class SafetensorsLayout {

  /** A tensor to be written: what the header says about it, before it has offsets. */
  record Spec(String name, DType dtype, long[] shape) {

    long byteLength() {
      long n = dtype.byteSize();
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    }
  }

  /** The reference writer's tensor order. */
  static final Comparator<Spec> REFERENCE_ORDER =
      Comparator.comparingInt((Spec s) -> -alignmentRank(s.dtype()))
          .thenComparing(Spec::name, JsonText.CODE_POINT_ORDER);

  private final List<TensorEntry> entries;
  private final byte[] header;
  private final long dataLength;

  private SafetensorsLayout(List<TensorEntry> entries, byte[] header, long dataLength) {
    this.entries = entries;
    this.header = header;
    this.dataLength = dataLength;
  }

  /**
   * Lays out {@code specs} with {@code metadata} ({@code __metadata__} is left out when it is
   * empty, as the reference writer does for no metadata). Metadata keys are written sorted.
   */
  static SafetensorsLayout of(List<Spec> specs, Map<String, String> metadata) {
    List<Spec> ordered = new ArrayList<>(specs);
    ordered.sort(REFERENCE_ORDER);
    List<TensorEntry> entries = new ArrayList<>(ordered.size());
    long offset = 0;
    for (Spec s : ordered) {
      long end = Math.addExact(offset, s.byteLength());
      entries.add(new TensorEntry(s.name(), s.dtype(), s.shape(), offset, end));
      offset = end;
    }
    return new SafetensorsLayout(List.copyOf(entries), header(entries, metadata), offset);
  }

  /** The tensors in file order, with their offsets. */
  List<TensorEntry> entries() {
    return entries;
  }

  /** The first bytes of the file: the 8-byte length, then the padded JSON header. */
  byte[] header() {
    return header.clone();
  }

  /** Length of the data section. */
  long dataLength() {
    return dataLength;
  }

  /** Length of the whole file. */
  long fileLength() {
    return header.length + dataLength;
  }

  private static byte[] header(List<TensorEntry> entries, Map<String, String> metadata) {
    StringBuilder json = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      json.append(JsonText.rust(HeaderParser.METADATA_KEY)).append(":{");
      TreeMap<String, String> sorted = new TreeMap<>(JsonText.CODE_POINT_ORDER);
      sorted.putAll(metadata);
      String sep = "";
      for (Map.Entry<String, String> m : sorted.entrySet()) {
        json.append(sep).append(JsonText.rust(m.getKey())).append(':');
        json.append(JsonText.rust(m.getValue()));
        sep = ",";
      }
      json.append('}');
    }
    String sep = metadata.isEmpty() ? "" : ",";
    for (TensorEntry e : entries) {
      json.append(sep).append(JsonText.rust(e.name())).append(":{\"dtype\":");
      json.append(JsonText.rust(e.dtype().safetensorsName())).append(",\"shape\":[");
      long[] shape = e.shape();
      for (int i = 0; i < shape.length; i++) {
        json.append(i == 0 ? "" : ",").append(shape[i]);
      }
      json.append("],\"data_offsets\":[").append(e.begin()).append(',').append(e.end());
      json.append("]}");
      sep = ",";
    }
    json.append('}');
    byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(text);
    while (out.hasRemaining()) {
      out.put((byte) ' ');
    }
    return out.array();
  }

  // Position of each dtype in the reference's Dtype enum, which is declared in increasing
  // alignment order and sorted on; the gaps are dtypes we do not write (FP8, unsigned).
  private static int alignmentRank(DType dtype) {
    return switch (dtype) {
      case BOOL -> 0;
      case U8 -> 1;
      case I8 -> 2;
      case I16 -> 5;
      case F16 -> 7;
      case BF16 -> 8;
      case I32 -> 9;
      case F32 -> 11;
      case F64 -> 12;
      case I64 -> 13;
    };
  }
}
