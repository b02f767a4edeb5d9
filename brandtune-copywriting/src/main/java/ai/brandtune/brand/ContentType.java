package ai.brandtune.brand;

import java.util.List;

/**
 * One kind of copy ({@code content_types.yaml}): what to write and the form it must take. The
 * prompt builder turns the text fields into the user message; the checker enforces the rest.
 *
 * @param id fixed id ({@code paid_ad_pas}, ...)
 * @param name display name (小红书科普笔记)
 * @param channel where it is published
 * @param task the writing task, in the brand's language
 * @param format how the text is laid out
 * @param structure the parts the copy must have, in order
 * @param length allowed length in non-whitespace characters
 * @param channelNotes what the channel's readers expect
 * @param title allowed title length when a {@code 标题：} first line is required, else null
 * @param hashtags allowed hashtag count on the last line, or null when hashtags are not allowed
 * @param sectionHeadings whether {@code 【section】} heading lines are allowed
 * @param sections section headings that must appear, in this order
 * @param markdown whether markdown headers and bold are allowed
 * @param ctaRequired whether the last sentence must be a call to action
 * @param productNameRequired whether the copy must name the product
 * @param sentences allowed number of sentences, or null for any
 */
public record ContentType(
    String id,
    String name,
    Channel channel,
    String task,
    String format,
    List<StructureElement> structure,
    IntRange length,
    String channelNotes,
    IntRange title,
    IntRange hashtags,
    boolean sectionHeadings,
    List<String> sections,
    boolean markdown,
    boolean ctaRequired,
    boolean productNameRequired,
    IntRange sentences) {

  public ContentType {
    structure = List.copyOf(structure);
    sections = List.copyOf(sections);
  }

  /**
   * One required part of a copy. {@code cues} (optional) let the checker look for it: plain words,
   * or the placeholders {@code {product}}, {@code {ingredient}}, {@code {effect}}, {@code
   * {concentration}}, {@code {question}}, {@code {cta}}.
   */
  public record StructureElement(String name, String description, List<String> cues) {
    public StructureElement {
      cues = List.copyOf(cues);
    }
  }
}
