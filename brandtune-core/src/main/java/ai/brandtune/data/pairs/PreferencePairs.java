package ai.brandtune.data.pairs;

import ai.brandtune.data.BadRecords;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.data.table.TableReader;
import ai.brandtune.data.table.TableRow;
import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The pairs of one general preference file, read lazily: an iterator of {@link PreferenceExample}s
 * (one chosen, one rejected each) that filters rows as it goes. {@link #counts()} says what each
 * filter dropped so far (everything, once the iterator is exhausted). Close it, or the stream from
 * {@link #stream()}, when done.
 */
public final class PreferencePairs implements Iterator<PreferenceExample>, AutoCloseable {
  private final TableReader reader;
  private final Function<TableRow, Candidate> layout;
  private final PairFilters filters;
  private final BadRecords broken;
  private PreferenceExample next;
  private long rows;
  private long brokenLayout;
  private long empty;
  private long ties;
  private long weakPreference;
  private long identical;
  private long promptTooLong;
  private long tooShort;
  private long tooLong;
  private long kept;
  private long cleaned;

  PreferencePairs(
      TableReader reader,
      Function<TableRow, Candidate> layout,
      PairFilters filters,
      BadRecords broken) {
    this.reader = reader;
    this.layout = layout;
    this.filters = filters;
    this.broken = broken;
  }

  @Override
  public boolean hasNext() {
    while (next == null && reader.hasNext()) {
      TableRow row = reader.next();
      rows++;
      Candidate candidate;
      try {
        candidate = layout.apply(row);
      } catch (BrokenRowException e) {
        brokenLayout++;
        broken.report(e.reason(), row.location(), e.getMessage());
        continue;
      }
      next = filter(candidate);
    }
    return next != null;
  }

  @Override
  public PreferenceExample next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    PreferenceExample example = next;
    next = null;
    return example;
  }

  /** The filtered example, or null after counting why it was dropped. */
  private PreferenceExample filter(Candidate c) {
    if (isEmpty(c.prompt(), c.chosen(), c.rejected())) {
      empty++;
      return null;
    }
    if (c.strength() == 0) {
      ties++;
      return null;
    }
    if (c.strength() < filters.minPreferenceStrength()) {
      weakPreference++;
      return null;
    }
    List<ChatMessage> prompt = c.prompt();
    String chosen = c.chosen();
    String rejected = c.rejected();
    if (filters.cleanMarkup()) {
      List<ChatMessage> cleanPrompt = new ArrayList<>();
      for (ChatMessage m : prompt) {
        cleanPrompt.add(new ChatMessage(m.role(), MarkupCleaner.clean(m.content())));
      }
      String cleanChosen = MarkupCleaner.clean(chosen);
      String cleanRejected = MarkupCleaner.clean(rejected);
      if (changed(prompt, cleanPrompt)
          || !cleanChosen.equals(chosen.strip())
          || !cleanRejected.equals(rejected.strip())) {
        cleaned++;
      }
      prompt = cleanPrompt;
      chosen = cleanChosen;
      rejected = cleanRejected;
      if (isEmpty(prompt, chosen, rejected)) {
        empty++;
        return null;
      }
    }
    if (filters.dropIdentical() && chosen.strip().equals(rejected.strip())) {
      identical++;
      return null;
    }
    long promptChars = 0;
    for (ChatMessage m : prompt) {
      promptChars += chars(m.content());
    }
    if (promptChars > filters.maxPromptChars()) {
      promptTooLong++;
      return null;
    }
    int chosenChars = chars(chosen);
    int rejectedChars = chars(rejected);
    if (Math.min(chosenChars, rejectedChars) < filters.minChars()) {
      tooShort++;
      return null;
    }
    if (Math.max(chosenChars, rejectedChars) > filters.maxChars()) {
      tooLong++;
      return null;
    }
    kept++;
    return new PreferenceExample(
        prompt, chosen, List.of(rejected), List.of(""), 0, c.meta(), c.location());
  }

  /** Whether cleanup changed more than the whitespace around a message. */
  private static boolean changed(List<ChatMessage> before, List<ChatMessage> after) {
    for (int i = 0; i < before.size(); i++) {
      if (!after.get(i).content().equals(before.get(i).content().strip())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmpty(List<ChatMessage> prompt, String chosen, String rejected) {
    if (prompt.isEmpty() || chosen.isBlank() || rejected.isBlank()) {
      return true;
    }
    for (ChatMessage m : prompt) {
      if (m.content() == null || m.content().isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static int chars(String s) {
    return s.codePointCount(0, s.length());
  }

  /** What the filters did so far. */
  public FilterCounts counts() {
    // rows the table reader could not parse never became rows here
    return new FilterCounts(
        rows + broken.total() - brokenLayout,
        broken.total(),
        empty,
        ties,
        weakPreference,
        identical,
        promptTooLong,
        tooShort,
        tooLong,
        kept,
        cleaned);
  }

  /** The broken rows skipped so far (with the first few locations), under {@code skip}. */
  public BadRecords brokenRows() {
    return broken;
  }

  /** Rows in the file when known up front (Parquet), for progress bars. */
  public OptionalLong rowCount() {
    return reader.rowCount();
  }

  /** The remaining pairs as a sequential stream; closing the stream closes this. */
  public Stream<PreferenceExample> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** Reads every remaining pair into a list and closes the file (for files that fit in memory). */
  public List<PreferenceExample> readAll() {
    try {
      List<PreferenceExample> all = new ArrayList<>();
      forEachRemaining(all::add);
      return all;
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
