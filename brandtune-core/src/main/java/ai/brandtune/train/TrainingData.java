package ai.brandtune.train;

import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.BadRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples a run trains and evaluates on, before encoding: {@code dataset} read under {@code
 * on_bad_record}, and {@code eval_dataset} if given, else a seeded {@code val_size} share held out
 * of the training examples. Every algorithm reads its data this way; only the record type differs.
 *
 * @param <E> the example type (chat, preference, prompt)
 */
public record TrainingData<E>(List<E> train, List<E> eval) {
  private static final Logger log = LoggerFactory.getLogger(TrainingData.class);

  /**
   * How one algorithm reads its JSONL files.
   *
   * @param read the dataset reader, e.g. {@code SftDataset::read}
   * @param examples the examples of what it read
   * @param badRecords the records it skipped
   */
  public record Reader<D, E>(
      BiFunction<List<Path>, BadRecordPolicy, D> read,
      Function<D, List<E>> examples,
      Function<D, BadRecords> badRecords) {}

  /** Reads the training data and splits off or reads the evaluation data. */
  public static <D, E> TrainingData<E> read(
      List<String> dataset,
      List<String> evalDataset,
      double valSize,
      long seed,
      BadRecordPolicy policy,
      Reader<D, E> reader) {
    List<E> train = read("dataset", dataset, policy, reader);
    List<E> eval = List.of();
    if (!evalDataset.isEmpty()) {
      eval = read("eval_dataset", evalDataset, policy, reader);
    } else if (valSize > 0) {
      List<E> shuffled = new ArrayList<>(train);
      Collections.shuffle(shuffled, new Random(seed));
      int held = Math.max(1, (int) Math.round(shuffled.size() * valSize));
      eval = shuffled.subList(0, held);
      train = shuffled.subList(held, shuffled.size());
    }
    return new TrainingData<>(train, eval);
  }

  private static <D, E> List<E> read(
      String key, List<String> names, BadRecordPolicy policy, Reader<D, E> reader) {
    D data = reader.read().apply(names.stream().map(Path::of).toList(), policy);
    BadRecords bad = reader.badRecords().apply(data);
    if (bad.total() > 0) {
      log.warn("{}: skipped {}", key, bad.summary());
    }
    return reader.examples().apply(data);
  }
}
