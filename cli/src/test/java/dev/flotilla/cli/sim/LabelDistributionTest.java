package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.Labels;
import dev.flotilla.model.Names;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelDistributionTest {
  private final LabelDistribution dist =
      new LabelDistribution(
          LabelDistribution.parse("--regions", "eu-west:3,us-east:1"),
          LabelDistribution.parse("--models", "rpi4,nuc"),
          7);

  @Test
  void drawsTheSameLabelsForTheSameSeedAndIndex() {
    assertThat(dist.labelsOf(42)).isEqualTo(dist.labelsOf(42));
    LabelDistribution other = new LabelDistribution(dist.regions(), dist.models(), 8);
    long differing = 0;
    for (int i = 0; i < 200; i++) {
      if (!other.labelsOf(i).equals(dist.labelsOf(i))) {
        differing++;
      }
    }
    assertThat(differing).isPositive();
  }

  @Test
  void followsTheWeights() {
    Map<String, Integer> regions = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      regions.merge(dist.labelsOf(i).get("region").orElseThrow(), 1, Integer::sum);
    }
    assertThat(regions.get("eu-west") / 20_000.0).isBetween(0.72, 0.78);
    assertThat(regions.get("us-east") / 20_000.0).isBetween(0.22, 0.28);
  }

  @Test
  void namesAreDnsLabelsThatCarryRegionModelAndNumber() {
    Labels l = dist.labelsOf(12);
    String name = dist.nameOf(12, l);
    assertThat(Names.isDnsLabel(name)).isTrue();
    assertThat(name).contains(l.get("region").orElseThrow()).endsWith("0000012");
    assertThat(l.get("tier")).contains("edge");
  }

  @Test
  void refusesBadWeightsNamingTheFlag() {
    assertThatThrownBy(() -> LabelDistribution.parse("--regions", "eu:x"))
        .hasMessageContaining("--regions")
        .hasMessageContaining("eu:x");
    assertThatThrownBy(() -> LabelDistribution.parse("--models", "Big_Model"))
        .hasMessageContaining("--models");
    assertThatThrownBy(() -> LabelDistribution.parse("--models", "nuc:0"))
        .hasMessageContaining("positive");
  }
}
