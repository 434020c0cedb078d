package dev.flotilla.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.LabelSelector.Operator;
import dev.flotilla.model.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Properties of label selectors over a seeded generator (seed = repetition number, so a failure
 * names its seed and reproduces): the {@code -l} string form round-trips, and matching follows
 * Kubernetes semantics.
 */
class LabelSelectorPropertiesTest {
  private static final int RUNS = 500;

  @RepeatedTest(RUNS)
  void theStringFormParsesBackToTheSameRequirements(RepetitionInfo run) {
    SelectorGen gen = new SelectorGen(run.getCurrentRepetition());
    LabelSelector selector = gen.selector();
    String text = selector.toString();

    LabelSelector parsed = LabelSelector.parse(text);

    assertThat(parsed.requirements())
        .as("seed %d: %s", run.getCurrentRepetition(), text)
        .isEqualTo(selector.requirements());
    assertThat(parsed.toString()).isEqualTo(text);
  }

  @RepeatedTest(RUNS)
  void aParsedSelectorMatchesExactlyTheLabelsTheOriginalMatches(RepetitionInfo run) {
    SelectorGen gen = new SelectorGen(run.getCurrentRepetition());
    LabelSelector selector = gen.selector();
    LabelSelector parsed = LabelSelector.parse(selector.toString());
    for (int i = 0; i < 20; i++) {
      Labels labels = gen.labels();
      assertThat(parsed.matches(labels))
          .as("seed %d: %s on %s", run.getCurrentRepetition(), selector, labels)
          .isEqualTo(selector.matches(labels));
    }
  }

  @RepeatedTest(RUNS)
  void matchLabelsMatchesExactlyTheSupersets(RepetitionInfo run) {
    SelectorGen gen = new SelectorGen(run.getCurrentRepetition());
    Labels wanted = gen.labels();
    Labels labels = gen.nextBoolean() ? gen.labels() : wanted.with(gen.labels());
    LabelSelector selector = LabelSelector.matchLabels(wanted.map());

    boolean subset = labels.map().entrySet().containsAll(wanted.map().entrySet());

    assertThat(selector.matches(labels))
        .as("seed %d: %s on %s", run.getCurrentRepetition(), wanted, labels)
        .isEqualTo(subset);
  }

  @RepeatedTest(RUNS)
  void addingAnUnrelatedLabelNeverChangesAMatchOfPositiveTerms(RepetitionInfo run) {
    SelectorGen gen = new SelectorGen(run.getCurrentRepetition());
    Labels labels = gen.labels();
    Map<String, String> wanted = new TreeMap<>();
    labels
        .map()
        .forEach(
            (k, v) -> {
              if (gen.nextBoolean()) wanted.put(k, v);
            });
    LabelSelector selector = LabelSelector.matchLabels(wanted);
    assertThat(selector.matches(labels)).isTrue();
    assertThat(selector.matches(labels.with(Labels.of("unrelated-key", "v")))).isTrue();
  }

  @RepeatedTest(RUNS)
  void aSelectorIsTheConjunctionOfItsRequirements(RepetitionInfo run) {
    SelectorGen gen = new SelectorGen(run.getCurrentRepetition());
    LabelSelector selector = gen.selector();
    for (int i = 0; i < 20; i++) {
      Labels labels = gen.labels();
      boolean all = selector.requirements().stream().allMatch(r -> reference(r, labels));
      assertThat(selector.matches(labels))
          .as("seed %d: %s on %s", run.getCurrentRepetition(), selector, labels)
          .isEqualTo(all);
    }
  }

  @RepeatedTest(50)
  void theEmptySelectorMatchesEverything(RepetitionInfo run) {
    SelectorGen gen = new SelectorGen(run.getCurrentRepetition());
    assertThat(LabelSelector.EVERYTHING.matches(gen.labels())).isTrue();
    assertThat(LabelSelector.parse("").matches(gen.labels())).isTrue();
  }

  /** Kubernetes' rules, written out independently of {@link Requirement#matches}. */
  private static boolean reference(Requirement r, Labels labels) {
    boolean has = labels.map().containsKey(r.key());
    String v = labels.map().get(r.key());
    List<String> values = r.values();
    if (r.operator() == Operator.IN) {
      return has && values.contains(v);
    }
    if (r.operator() == Operator.NOT_IN) {
      return !has || !values.contains(v);
    }
    if (r.operator() == Operator.EXISTS) {
      return has;
    }
    return !has;
  }
}
