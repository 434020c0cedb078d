package dev.flotilla.hub.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.Facts;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Requirements;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetDecisionTest {
  static final Facts SMALL = new Facts("arm64", 512, "v1.30.0", "k3s", List.of(), 1, "t");

  static BundleSpec bundle(List<BundleSpec.Target> targets, Requirements requires) {
    return new BundleSpec(
        "web", "apps/web", "", null, List.of(), targets, requires, null, List.of(), null);
  }

  @Test
  void aBundleWithoutTargetsGoesNowhere() {
    assertThat(TargetDecision.decide(bundle(List.of(), null), Labels.of("tier", "edge"), SMALL))
        .isInstanceOf(TargetDecision.NotTargeted.class);
  }

  @Test
  void theFirstMatchingTargetIsNamed() {
    var b =
        bundle(
            List.of(
                new BundleSpec.Target("canaries", LabelSelector.parse("canary=true")),
                new BundleSpec.Target("edge", LabelSelector.parse("tier=edge"))),
            null);
    assertThat(TargetDecision.decide(b, Labels.of("tier", "edge"), SMALL))
        .isEqualTo(new TargetDecision.Targeted("edge"));
    assertThat(TargetDecision.decide(b, Labels.of("tier", "edge", "canary", "true"), SMALL))
        .isEqualTo(new TargetDecision.Targeted("canaries"));
    assertThat(TargetDecision.decide(b, Labels.of("tier", "lab"), SMALL))
        .isInstanceOf(TargetDecision.NotTargeted.class);
  }

  @Test
  void aTargetedClusterThatLacksCapacityIsNotAdmittedWithTheReason() {
    var b =
        bundle(
            List.of(new BundleSpec.Target("", LabelSelector.EVERYTHING)),
            new Requirements(List.of(), 1024, List.of(), List.of(), Optional.empty()));
    assertThat(TargetDecision.decide(b, Labels.EMPTY, SMALL))
        .isInstanceOfSatisfying(
            TargetDecision.NotAdmitted.class,
            n ->
                assertThat(n.message())
                    .isEqualTo("not admitted: needs 1024 MiB of memory, has 512"));
  }

  @Test
  void anUntargetedClusterIsNeverReportedAsNotAdmitted() {
    var b =
        bundle(
            List.of(new BundleSpec.Target("", LabelSelector.parse("tier=edge"))),
            new Requirements(List.of("amd64"), 0, List.of(), List.of(), Optional.empty()));
    assertThat(TargetDecision.decide(b, Labels.of("tier", "lab"), SMALL))
        .isInstanceOf(TargetDecision.NotTargeted.class);
  }
}
