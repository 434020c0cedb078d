package dev.flotilla.hub.distribute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {
  @Test
  void ordersEveryBundleAfterWhatItDependsOn() {
    DependencyOrder.Result r =
        DependencyOrder.of(
            Map.of(
                "app", List.of("db", "cert-manager"),
                "db", List.of("cert-manager"),
                "cert-manager", List.of(),
                "loner", List.of()));
    assertThat(r.problems()).isEmpty();
    List<String> o = r.ordered();
    assertThat(o).containsExactlyInAnyOrder("app", "db", "cert-manager", "loner");
    assertThat(o.indexOf("cert-manager")).isLessThan(o.indexOf("db"));
    assertThat(o.indexOf("db")).isLessThan(o.indexOf("app"));
  }

  @Test
  void aCycleIsReportedOnEveryMemberAndOnWhatDependsOnIt() {
    DependencyOrder.Result r =
        DependencyOrder.of(
            Map.of(
                "a", List.of("b"),
                "b", List.of("a"),
                "c", List.of("a"),
                "d", List.of()));
    assertThat(r.ordered()).containsExactly("d");
    assertThat(r.problems().get("a")).contains("dependency cycle");
    assertThat(r.problems().get("b")).contains("dependency cycle");
    assertThat(r.problems().get("c")).contains("cannot be deployed");
  }

  @Test
  void aMissingDependencyNamesIt() {
    DependencyOrder.Result r =
        DependencyOrder.of(Map.of("gateway", List.of("telemetry"), "other", List.of()));
    assertThat(r.ordered()).containsExactly("other");
    assertThat(r.problems())
        .containsEntry("gateway", "depends on bundle 'telemetry', which this cluster does not get");
  }

  /** Random acyclic graphs (edges only to earlier names): everything is ordered, deps first. */
  @RepeatedTest(300)
  void anyAcyclicGraphIsFullyOrderedWithDependenciesFirst(RepetitionInfo run) {
    Random random = new Random(run.getCurrentRepetition());
    int n = 1 + random.nextInt(12);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("b" + i);
    }
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      List<String> d = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(4) == 0) {
          d.add(names.get(j));
        }
      }
      deps.put(names.get(i), d);
    }
    List<String> keys = new ArrayList<>(deps.keySet());
    Collections.shuffle(keys, random);
    Map<String, List<String>> shuffled = new LinkedHashMap<>();
    keys.forEach(k -> shuffled.put(k, deps.get(k)));

    DependencyOrder.Result r = DependencyOrder.of(shuffled);

    assertThat(r.problems()).isEmpty();
    assertThat(r.ordered()).containsExactlyInAnyOrderElementsOf(names);
    deps.forEach(
        (b, ds) ->
            ds.forEach(
                d ->
                    assertThat(r.ordered().indexOf(d))
                        .as("seed %d: %s before %s", run.getCurrentRepetition(), d, b)
                        .isLessThan(r.ordered().indexOf(b))));
    assertThat(DependencyOrder.of(shuffled)).isEqualTo(r);
  }
}
