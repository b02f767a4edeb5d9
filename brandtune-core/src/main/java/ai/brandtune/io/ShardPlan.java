package ai.brandtune.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits tensors into shards of at most a given size, as Hugging Face does: tensors stay in the
 * given order, a shard is closed when the next tensor would push it over the limit, and a tensor
 * larger than the limit gets a shard of its own.
 */
final class ShardPlan {

  private ShardPlan() {}

  /** The shards, each a list of tensor names, for tensors with the given byte sizes. */
  static List<List<String>> split(Map<String, Long> byteSizes, long maxShardBytes) {
    if (maxShardBytes <= 0) {
      throw new IllegalArgumentException("maxShardBytes must be positive: " + maxShardBytes);
    }
    List<List<String>> shards = new ArrayList<>();
    List<String> current = new ArrayList<>();
    long currentBytes = 0;
    for (Map.Entry<String, Long> e : byteSizes.entrySet()) {
      long size = e.getValue();
      if (!current.isEmpty() && currentBytes + size > maxShardBytes) {
        shards.add(List.copyOf(current));
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(e.getKey());
      currentBytes += size;
    }
    if (!current.isEmpty() || shards.isEmpty()) {
      shards.add(List.copyOf(current));
    }
    return List.copyOf(shards);
  }

  /** The Hugging Face shard file name, e.g. {@code model-00001-of-00003.safetensors}. */
  static String shardFileName(int index, int count) {
    return String.format("model-%05d-of-%05d.safetensors", index + 1, count);
  }
}
