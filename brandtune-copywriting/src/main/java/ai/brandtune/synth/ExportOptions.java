package ai.brandtune.synth;

/**
 * The {@code export:} block of {@code data.yaml}: options of the split/export stages. A placeholder
 * here; the export stages define its keys.
 */
public record ExportOptions() {
  public static final ExportOptions DEFAULT = new ExportOptions();
}
