package dev.flotilla.hub.store.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses a JSON column's text once per distinct text: a fleet's clusters share a few label and fact
 * sets, and passes over a million rows (planning, rollout rounds) otherwise spend most of their
 * time in the JSON parser and hold a million equal copies. The parsed values are immutable, so one
 * instance serves every row; past {@code capacity} distinct texts the cache starts over, which
 * bounds it for fleets whose every cluster has its own labels.
 */
final class ParsedColumn<T> {
  private final int capacity;
  private final Function<String, T> parse;
  private final Map<String, T> parsed = new ConcurrentHashMap<>();

  ParsedColumn(int capacity, Function<String, T> parse) {
    this.capacity = capacity;
    this.parse = parse;
  }

  T of(String text) {
    T value = parsed.get(text);
    if (value != null) {
      return value;
    }
    value = parse.apply(text);
    if (parsed.size() >= capacity) {
      parsed.clear();
    }
    parsed.put(text, value);
    return value;
  }

  int size() {
    return parsed.size();
  }
}
