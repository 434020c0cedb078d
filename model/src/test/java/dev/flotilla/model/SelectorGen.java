package dev.flotilla.model;

import dev.flotilla.model.LabelSelector.Operator;
import dev.flotilla.model.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded generator of labels and selectors for property tests. Keys and values come from small
 * pools so that selectors and label sets overlap often; the pools include a prefixed key and the
 * empty value, both legal in Kubernetes.
 */
final class SelectorGen {
  static final List<String> KEYS =
      List.of("region", "model", "tier", "canary", "example.com/zone", "a_b.c-d");
  static final List<String> VALUES = List.of("eu-west", "us-east", "rpi4", "nuc", "edge", "x", "");

  private final Random random;

  SelectorGen(long seed) {
    this.random = new Random(seed);
  }

  String key() {
    return KEYS.get(random.nextInt(KEYS.size()));
  }

  String value() {
    return VALUES.get(random.nextInt(VALUES.size()));
  }

  Labels labels() {
    Map<String, String> m = new TreeMap<>();
    int n = random.nextInt(KEYS.size() + 1);
    for (int i = 0; i < n; i++) {
      m.put(key(), value());
    }
    return new Labels(m);
  }

  List<String> values(int min) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    int n = min + random.nextInt(3);
    while (out.size() < n) {
      out.add(value());
    }
    return new ArrayList<>(out);
  }

  Requirement requirement() {
    Operator op = Operator.values()[random.nextInt(Operator.values().length)];
    return switch (op) {
      case IN, NOT_IN -> new Requirement(key(), op, values(1));
      case EXISTS, DOES_NOT_EXIST -> new Requirement(key(), op, List.of());
    };
  }

  LabelSelector selector() {
    Map<String, String> matchLabels = new TreeMap<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      matchLabels.put(key(), value());
    }
    List<Requirement> expressions = new ArrayList<>();
    int m = random.nextInt(4);
    for (int i = 0; i < m; i++) {
      expressions.add(requirement());
    }
    return new LabelSelector(matchLabels, expressions);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }
}
