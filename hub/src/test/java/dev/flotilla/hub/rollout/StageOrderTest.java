package dev.flotilla.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.hub.rollout.StageOrder.Stages;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import dev.flotilla.model.RolloutPolicy;
import dev.flotilla.model.RolloutPolicy.Amount;
import dev.flotilla.model.RolloutPolicy.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StageOrderTest {
  static ClusterState cluster(String id, String... labels) {
    return new ClusterState(
        new ClusterId(id), id, Labels.of(labels), true, Position.WAITING, false, Instant.EPOCH, "");
  }

  static RolloutPolicy policy(Optional<String> orderBy, Stage... stages) {
    return new RolloutPolicy(
        List.of(stages),
        Amount.percent(100),
        Duration.ofMinutes(5),
        Amount.percent(100),
        RolloutPolicy.Rollback.MANUAL,
        orderBy);
  }

  static List<ClusterState> fleet(int n) {
    List<ClusterState> out = new ArrayList<>();
    String[] regions = {"us-east", "eu-west", "ap-south"};
    for (int i = 0; i < n; i++) {
      out.add(cluster("c-" + i, "region", regions[i % 3], "canary", i % 7 == 0 ? "true" : "no"));
    }
    return out;
  }

  @Test
  void percentagesAreCumulativeSharesOfTheTargetedClusters() {
    Stages s =
        StageOrder.of(
            "web",
            policy(
                Optional.empty(),
                new Stage.Percent(10),
                new Stage.Percent(50),
                new Stage.Percent(100)),
            fleet(20));
    assertThat(s.names()).containsExactly("10%", "50%", "100%");
    assertThat(s.order()).hasSize(20);
    assertThat(s.stageOf().values().stream().filter(k -> k == 0)).hasSize(2);
    assertThat(s.stageOf().values().stream().filter(k -> k == 1)).hasSize(8);
    assertThat(s.stageOf().values().stream().filter(k -> k == 2)).hasSize(10);
  }

  @Test
  void theOrderIsStableAcrossRestartsAndInputOrderButDiffersPerBundle() {
    RolloutPolicy p = policy(Optional.empty(), new Stage.Percent(30), new Stage.Percent(100));
    List<ClusterState> clusters = fleet(30);
    List<ClusterState> reversed = new ArrayList<>(clusters).reversed();
    assertThat(StageOrder.of("web", p, reversed)).isEqualTo(StageOrder.of("web", p, clusters));
    assertThat(StageOrder.of("db", p, clusters).order())
        .isNotEqualTo(StageOrder.of("web", p, clusters).order());
    // a joining cluster does not reorder the others
    List<ClusterState> more = new ArrayList<>(clusters);
    more.add(cluster("c-new", "region", "eu-west"));
    List<ClusterId> before = StageOrder.of("web", p, clusters).order();
    List<ClusterId> after =
        StageOrder.of("web", policy(Optional.empty(), new Stage.Percent(100)), more).order();
    assertThat(after.stream().filter(before::contains).toList())
        .isEqualTo(
            StageOrder.of("web", policy(Optional.empty(), new Stage.Percent(100)), clusters)
                .order());
  }

  @Test
  void orderByTakesRegionsInTurnAndClustersWithoutTheLabelLast() {
    List<ClusterState> clusters = new ArrayList<>(fleet(9));
    clusters.add(cluster("c-unlabelled"));
    Stages s =
        StageOrder.of(
            "web",
            policy(Optional.of("region"), new Stage.Percent(30), new Stage.Percent(100)),
            clusters);
    List<String> regions =
        s.order().stream()
            .map(id -> clusters.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow())
            .map(c -> c.labels().get("region").orElse("-"))
            .toList();
    assertThat(regions)
        .containsExactly(
            "ap-south",
            "ap-south",
            "ap-south",
            "eu-west",
            "eu-west",
            "eu-west",
            "us-east",
            "us-east",
            "us-east",
            "-");
    assertThat(s.order().subList(0, 3)).allMatch(id -> s.of(id) == 0);
  }

  @Test
  void selectorStagesComeFirstAndWhatNoStageTakesIsTheRemainingStage() {
    Stages s =
        StageOrder.of(
            "web",
            policy(
                Optional.empty(),
                new Stage.Selected("canary", LabelSelector.parse("canary=true")),
                new Stage.Percent(50)),
            fleet(14));
    assertThat(s.names()).containsExactly("canary", "50%", "remaining");
    assertThat(s.stageOf().get(new ClusterId("c-0"))).isZero();
    assertThat(s.stageOf().get(new ClusterId("c-7"))).isZero();
    assertThat(s.stageOf().values().stream().filter(k -> k <= 1)).hasSize(7);
    assertThat(s.stageOf().values().stream().filter(k -> k == 2)).hasSize(7);
  }
}
