package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.CheckpointDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code checkpoint-<step>} directories of a run, as transformers' Trainer lays them out. Each
 * is written atomically (temp directory, fsync, rename), lists its files with their sizes in {@code
 * trainer_state.json}, and is validated against that list before a resume uses it.
 */
public final class Checkpoints {
  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)");
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path outputDir;

  public Checkpoints(Path outputDir) {
    this.outputDir = outputDir;
  }

  /** The directory of the checkpoint after {@code step} steps. */
  public Path directory(int step) {
    return outputDir.resolve("checkpoint-" + step);
  }

  /** Files a checkpoint holds: whatever {@code content} writes, then the state listing them. */
  public interface Content {
    void writeTo(Path dir) throws IOException;
  }

  /** Writes {@code checkpoint-<step>} atomically and prunes old ones beyond {@code keep}. */
  public Path save(TrainerState state, Content content, int keep) {
    Path dir = directory(state.globalStep());
    CheckpointDirectory.writeAtomically(
        dir,
        tmp -> {
          content.writeTo(tmp);
          Map<String, Long> files = new LinkedHashMap<>();
          try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
              if (Files.isRegularFile(p)) {
                files.put(tmp.relativize(p).toString(), Files.size(p));
              }
            }
          }
          TrainerState full =
              new TrainerState(
                  state.globalStep(),
                  state.epoch(),
                  state.seed(),
                  state.totalSteps(),
                  state.elapsedSeconds(),
                  files);
          JSON.writeValue(tmp.resolve(TrainerState.FILE).toFile(), full);
        });
    prune(keep);
    return dir;
  }

  /** Checkpoint directories, newest first. */
  public List<Path> list() {
    if (!Files.isDirectory(outputDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(outputDir)) {
      return entries
          .filter(p -> Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(Checkpoints::stepOf).reversed())
          .toList();
    } catch (IOException e) {
      throw new BrandtuneException("cannot list checkpoints in " + outputDir + ": " + e, e);
    }
  }

  /**
   * The newest checkpoint that passes validation; a broken one is reported and skipped, so a crash
   * while a checkpoint was being replaced loses at most that one.
   */
  public Optional<Path> latestValid() {
    for (Path dir : list()) {
      try {
        validate(dir);
        return Optional.of(dir);
      } catch (BrandtuneException e) {
        log.warn("skipping checkpoint {}: {}", dir, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Reads and checks a checkpoint's state: every listed file present with its recorded size. */
  public static TrainerState validate(Path dir) {
    Path stateFile = dir.resolve(TrainerState.FILE);
    if (!Files.isRegularFile(stateFile)) {
      throw new BrandtuneException(dir + ": not a checkpoint (no " + TrainerState.FILE + ")");
    }
    TrainerState state;
    try {
      state = JSON.readValue(stateFile.toFile(), TrainerState.class);
    } catch (IOException e) {
      throw new BrandtuneException(stateFile + ": unreadable (" + e.getMessage() + ")", e);
    }
    if (state.files() == null || state.files().isEmpty()) {
      throw new BrandtuneException(stateFile + ": lists no files");
    }
    for (Map.Entry<String, Long> f : state.files().entrySet()) {
      Path file = dir.resolve(f.getKey());
      try {
        if (!Files.isRegularFile(file)) {
          throw new BrandtuneException(file + ": missing from the checkpoint");
        }
        long size = Files.size(file);
        if (size != f.getValue()) {
          throw new BrandtuneException(
              file
                  + ": "
                  + size
                  + " bytes, the checkpoint recorded "
                  + f.getValue()
                  + " (truncated?)");
        }
      } catch (IOException e) {
        throw new BrandtuneException(file + ": unreadable (" + e.getMessage() + ")", e);
      }
    }
    return state;
  }

  private void prune(int keep) {
    if (keep <= 0) {
      return;
    }
    List<Path> all = new ArrayList<>(list());
    for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
      deleteTree(old);
    }
  }

  static int stepOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("could not delete old checkpoint {}: {}", dir, e.toString());
    }
  }
}
