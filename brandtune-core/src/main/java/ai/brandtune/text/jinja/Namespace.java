package ai.brandtune.text.jinja;

import java.util.LinkedHashMap;
import java.util.Map;

/** jinja2's {@code namespace()}: the one mutable object, so loops can carry state outward. */
final class Namespace {

  final Map<String, Object> attributes = new LinkedHashMap<>();
}
