package ai.brandtune.text.jinja;

/** Python's {@code range} object; the sandbox caps it at 100000 items like jinja2 does. */
record PyRange(long start, long stop, long step) {

  static final long MAX_RANGE = 100_000;

  long length() {
    if (step > 0 && start < stop) {
      return (stop - start - 1) / step + 1;
    }
    if (step < 0 && start > stop) {
      return (start - stop - 1) / (-step) + 1;
    }
    return 0;
  }

  long get(long i) {
    return start + i * step;
  }
}
