package ai.brandtune.text.jinja;

import java.util.Iterator;

/**
 * A one-shot Python iterator or generator (what {@code map}, {@code select}, {@code reverse} and
 * friends return): truthy even when empty, has no length, and is consumed by iterating.
 */
record PyIterator(String typeName, Iterator<Object> iterator) {}
