package ai.brandtune.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of one safetensors file: where its data section starts, how long it is, its
 * tensors in data order and its {@code __metadata__}.
 *
 * <p>Reading follows the reference reader (huggingface/safetensors): an 8-byte little-endian header
 * length of at most 100,000,000, a UTF-8 JSON object, and tensors that cover the data section
 * exactly, with no gap, overlap or trailing byte. Every problem is a {@link
 * ai.brandtune.BrandtuneException} naming the file and, where relevant, the tensor.
 */
public final class SafetensorsHeader {

  /** The reference reader's limit on the JSON header, in bytes. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  private final Path file;
  private final long dataOffset;
  private final long dataLength;
  private final Map<String, TensorEntry> entries;
  private final Map<String, String> metadata;

  private SafetensorsHeader(
      Path file,
      long dataOffset,
      long dataLength,
      Map<String, TensorEntry> entries,
      Map<String, String> metadata) {
    this.file = file;
    this.dataOffset = dataOffset;
    this.dataLength = dataLength;
    this.entries = entries;
    this.metadata = metadata;
  }

  /** Reads and validates the header of {@code file}, open as {@code channel}. */
  public static SafetensorsHeader read(Path file, FileChannel channel) {
    try {
      long size = channel.size();
      if (size < 8) {
        throw IoErrors.inFile(
            file,
            "the file is "
                + size
                + " bytes, shorter than the 8-byte header length a safetensors file starts with");
      }
      ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, prefix, 0);
      long headerLength = prefix.getLong(0);
      // A u64 above Long.MAX_VALUE reads as negative here.
      if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
        throw IoErrors.inFile(
            file,
            "the header length "
                + Long.toUnsignedString(headerLength)
                + " is over the "
                + MAX_HEADER_BYTES
                + "-byte limit; this is not a safetensors file or it is corrupt");
      }
      if (headerLength > size - 8) {
        throw IoErrors.inFile(
            file,
            "the header length "
                + headerLength
                + " goes beyond the end of the file ("
                + size
                + " bytes); the file is truncated or not a safetensors file");
      }
      byte[] json = new byte[(int) headerLength];
      readFully(channel, ByteBuffer.wrap(json), 8);
      long dataOffset = 8 + headerLength;
      long dataLength = size - dataOffset;
      HeaderParser.Parsed parsed = HeaderParser.parse(file, json, dataLength);
      Map<String, TensorEntry> entries = inDataOrder(file, parsed.entries(), dataLength);
      return new SafetensorsHeader(file, dataOffset, dataLength, entries, parsed.metadata());
    } catch (IOException e) {
      throw IoErrors.io(file, "read the safetensors header", e);
    }
  }

  /** The file this header was read from. */
  public Path file() {
    return file;
  }

  /** Absolute file position of the data section: 8 plus the header length. */
  public long dataOffset() {
    return dataOffset;
  }

  /** Length of the data section in bytes. */
  public long dataLength() {
    return dataLength;
  }

  /** The tensors by name, in the order of their data (unmodifiable). */
  public Map<String, TensorEntry> entries() {
    return entries;
  }

  /** The {@code __metadata__} strings; empty when the file has none (unmodifiable). */
  public Map<String, String> metadata() {
    return metadata;
  }

  // The reference reader requires the tensors, sorted by offsets, to tile the data section.
  private static Map<String, TensorEntry> inDataOrder(
      Path file, List<TensorEntry> entries, long dataLength) {
    List<TensorEntry> sorted = new ArrayList<>(entries);
    sorted.sort(
        Comparator.comparingLong(TensorEntry::begin)
            .thenComparingLong(TensorEntry::end)
            .thenComparing(TensorEntry::name));
    Map<String, TensorEntry> byName = new LinkedHashMap<>();
    long covered = 0;
    TensorEntry previous = null;
    for (TensorEntry e : sorted) {
      if (e.begin() < covered) {
        throw IoErrors.inTensor(
            file,
            e.name(),
            "data_offsets ["
                + e.begin()
                + ", "
                + e.end()
                + "] overlap tensor '"
                + previous.name()
                + "' at ["
                + previous.begin()
                + ", "
                + previous.end()
                + "]");
      }
      if (e.begin() > covered) {
        throw IoErrors.inTensor(
            file,
            e.name(),
            "data starts at byte "
                + e.begin()
                + " of the data section, but bytes ["
                + covered
                + ", "
                + e.begin()
                + ") belong to no tensor; the data section must be covered exactly");
      }
      covered = e.end();
      previous = e;
      byName.put(e.name(), e);
    }
    if (covered != dataLength) {
      throw IoErrors.inFile(
          file,
          "the data section is "
              + dataLength
              + " bytes but the tensors cover only "
              + covered
              + "; "
              + (dataLength - covered)
              + " trailing bytes belong to no tensor");
    }
    return Collections.unmodifiableMap(byName);
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    while (into.hasRemaining()) {
      int n = channel.read(into, position + into.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }
}
