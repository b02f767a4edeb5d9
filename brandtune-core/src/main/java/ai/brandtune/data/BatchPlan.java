package ai.brandtune.data;

import ai.brandtune.BrandtuneException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The order of batches for each epoch, a pure function of (seed, epoch): a training run resumes at
 * (epoch, batch index) by asking for the same epoch again and skipping the batches already done.
 *
 * <p>Each epoch shuffles the examples with a generator seeded from (seed, epoch). Padded plans then
 * cut the order into batches, optionally grouping by length as Hugging Face's {@code
 * LengthGroupedSampler} does (megabatches of 50 batches, each sorted longest first) so that batches
 * waste less padding; the last batch may be short. Packed plans fill rows of {@code rowLength}
 * tokens once, best-fit in the seeded order of epoch 0 (each example goes to the fullest row it
 * fits, else a new row), as TRL packs a dataset once; each epoch then shuffles the rows and cuts
 * them into batches, so every epoch has the same number of batches.
 */
public final class BatchPlan {
  /** Hugging Face's megabatch multiplier for length grouping. */
  public static final int MEGABATCH_MULTIPLIER = 50;

  private final int[] lengths;
  private final int batchSize;
  private final boolean groupByLength;
  private final int rowLength; // 0 when not packing
  private final long seed;
  private List<int[]> packedRows; // packed once, on first use

  private BatchPlan(int[] lengths, int batchSize, boolean groupByLength, int rowLength, long seed) {
    if (batchSize < 1) {
      throw new BrandtuneException(
          "per_device_train_batch_size must be at least 1, got " + batchSize);
    }
    if (lengths.length == 0) {
      throw new BrandtuneException("the dataset has no examples to train on");
    }
    this.lengths = lengths.clone();
    this.batchSize = batchSize;
    this.groupByLength = groupByLength;
    this.rowLength = rowLength;
    this.seed = seed;
  }

  /**
   * One example per row, {@code batchSize} rows per batch.
   *
   * @param lengths token count of each example (e.g. {@link SftEncodedDataset#lengths()})
   * @param groupByLength batch examples of similar length together (HF {@code group_by_length})
   */
  public static BatchPlan padded(int[] lengths, int batchSize, boolean groupByLength, long seed) {
    return new BatchPlan(lengths, batchSize, groupByLength, 0, seed);
  }

  /**
   * Examples packed into rows of at most {@code rowLength} tokens, {@code rowsPerBatch} rows per
   * batch. Every example must fit a row (encode with {@code max_length <= rowLength}).
   */
  public static BatchPlan packed(int[] lengths, int rowsPerBatch, int rowLength, long seed) {
    if (rowLength < 2) {
      throw new BrandtuneException("packing needs max_length of at least 2, got " + rowLength);
    }
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] > rowLength) {
        throw new BrandtuneException(
            "example "
                + i
                + " has "
                + lengths[i]
                + " tokens, more than the packed row length "
                + rowLength
                + "; encode with max_length <= the packing length");
      }
    }
    return new BatchPlan(lengths, rowsPerBatch, false, rowLength, seed);
  }

  public boolean isPacked() {
    return rowLength > 0;
  }

  public int exampleCount() {
    return lengths.length;
  }

  /** The batches of {@code epoch} (0-based), in training order. */
  public List<PlannedBatch> epoch(int epoch) {
    return isPacked() ? packedBatches(shuffledRows(epoch)) : paddedBatches(shuffled(epoch));
  }

  /** Batches of {@code epoch} from {@code batchIndex} on: where a resumed run continues. */
  public List<PlannedBatch> remaining(int epoch, int batchIndex) {
    List<PlannedBatch> all = epoch(epoch);
    if (batchIndex < 0 || batchIndex > all.size()) {
      throw new BrandtuneException(
          "cannot resume at batch "
              + batchIndex
              + " of epoch "
              + epoch
              + ": the epoch has "
              + all.size()
              + " batches (was the dataset or batch size changed?)");
    }
    return all.subList(batchIndex, all.size());
  }

  /** How many batches {@code epoch} has; the same for every epoch. */
  public int batchCount(int epoch) {
    int units = isPacked() ? rows().size() : lengths.length;
    return (units + batchSize - 1) / batchSize;
  }

  private int[] shuffled(int epoch) {
    return permutation(lengths.length, epoch);
  }

  private List<int[]> rows() {
    if (packedRows == null) {
      packedRows = pack(shuffled(0));
    }
    return packedRows;
  }

  private List<int[]> shuffledRows(int epoch) {
    List<int[]> rows = rows();
    List<int[]> out = new ArrayList<>(rows.size());
    for (int i : permutation(rows.size(), epoch)) {
      out.add(rows.get(i));
    }
    return out;
  }

  private int[] permutation(int n, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // java.util.Random's sequence is fixed by its specification, so plans survive JVM upgrades.
    Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  private List<PlannedBatch> paddedBatches(int[] order) {
    if (groupByLength) {
      int mega = MEGABATCH_MULTIPLIER * batchSize;
      for (int from = 0; from < order.length; from += mega) {
        int to = Math.min(order.length, from + mega);
        Integer[] chunk = new Integer[to - from];
        for (int i = from; i < to; i++) {
          chunk[i - from] = order[i];
        }
        // stable, so equal lengths keep their shuffled order
        Arrays.sort(chunk, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
        for (int i = from; i < to; i++) {
          order[i] = chunk[i - from];
        }
      }
    }
    List<PlannedBatch> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      int[][] rows = new int[to - from][];
      for (int i = from; i < to; i++) {
        rows[i - from] = new int[] {order[i]};
      }
      batches.add(new PlannedBatch(rows, false));
    }
    return batches;
  }

  private List<PlannedBatch> packedBatches(List<int[]> rows) {
    List<PlannedBatch> batches = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += batchSize) {
      int to = Math.min(rows.size(), from + batchSize);
      batches.add(new PlannedBatch(rows.subList(from, to).toArray(new int[0][]), true));
    }
    return batches;
  }

  private List<int[]> pack(int[] order) {
    List<List<Integer>> rows = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    // free space -> rows with exactly that much space left, lowest row index first
    TreeMap<Integer, java.util.TreeSet<Integer>> byFree = new TreeMap<>();
    for (int example : order) {
      int length = lengths[example];
      var fit = byFree.ceilingEntry(length);
      int row;
      if (fit == null) {
        row = rows.size();
        rows.add(new ArrayList<>());
        used.add(0);
      } else {
        row = fit.getValue().first();
        remove(byFree, fit.getKey(), row);
      }
      rows.get(row).add(example);
      used.set(row, used.get(row) + length);
      int free = rowLength - used.get(row);
      if (free > 0) {
        byFree.computeIfAbsent(free, f -> new java.util.TreeSet<>()).add(row);
      }
    }
    List<int[]> packed = new ArrayList<>(rows.size());
    for (List<Integer> row : rows) {
      packed.add(row.stream().mapToInt(Integer::intValue).toArray());
    }
    return packed;
  }

  private static void remove(
      TreeMap<Integer, java.util.TreeSet<Integer>> byFree, int free, int row) {
    java.util.TreeSet<Integer> rows = byFree.get(free);
    rows.remove(row);
    if (rows.isEmpty()) {
      byFree.remove(free);
    }
  }
}
