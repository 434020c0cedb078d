package dev.flotilla.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void digestsAreSha256HexAndParseWithOrWithoutPrefix() {
    Digest d = Digest.of("abc");
    assertThat(d.hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Digest.parse("sha256:" + d.hex())).isEqualTo(d);
    assertThat(d.toString()).startsWith("sha256:");
    assertThatThrownBy(() -> Digest.parse("ABC")).hasMessageContaining("not a sha256 digest");
  }

  @Test
  void labelsParseValidateAndMerge() {
    Labels l = Labels.parse("region=eu-west, model=rpi4");
    assertThat(l.map()).containsExactly(Map.entry("model", "rpi4"), Map.entry("region", "eu-west"));
    assertThat(l.with(Labels.of("region", "us-east")).get("region")).contains("us-east");
    assertThat(l.without("model").map()).containsOnlyKeys("region");
    assertThat(Labels.parse("")).isEqualTo(Labels.EMPTY);
    assertThatThrownBy(() -> Labels.parse("novalue")).hasMessageContaining("expected key=value");
    assertThatThrownBy(() -> Labels.of("bad key", "v")).hasMessageContaining("invalid label key");
    assertThatThrownBy(() -> Labels.of("k", "x".repeat(64)))
        .hasMessageContaining("invalid value for label k");
    assertThat(Labels.of("example.com/tier", "edge").get("example.com/tier")).contains("edge");
  }

  @Test
  void durationsReadAsOperatorsWriteThem() {
    assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThatThrownBy(() -> DurationText.parse("10 minutes"))
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> DurationText.parse("")).hasMessageContaining("empty duration");
  }

  @Test
  void kubernetesVersionsCompareIgnoringBuildSuffixes() {
    assertThat(KubeVersion.parse("v1.30.4+k3s1")).isGreaterThan(KubeVersion.parse("v1.28"));
    assertThat(KubeVersion.tryParse("nonsense")).isEmpty();
  }

  @Test
  void requirementsListEveryMissingFact() {
    Requirements r =
        new Requirements(
            List.of("amd64"),
            1024,
            List.of("wasmtime"),
            List.of("k3s"),
            java.util.Optional.of("v1.29"));
    Facts pi = new Facts("arm64", 512, "v1.28.2+k3s1", "k3s", List.of(), 1, "");
    Admission a = r.check(pi);
    assertThat(a.admitted()).isFalse();
    assertThat(((Admission.NotAdmitted) a).reasons())
        .containsExactly(
            "needs arch amd64, has arm64",
            "needs 1024 MiB of memory, has 512",
            "needs runtime class wasmtime, has []",
            "needs Kubernetes v1.29 or newer, has v1.28.2+k3s1");
    Facts nuc = new Facts("amd64", 8192, "v1.30.0+k3s1", "k3s", List.of("wasmtime"), 1, "");
    assertThat(r.check(nuc).admitted()).isTrue();
    assertThat(Requirements.NONE.check(Facts.UNKNOWN).admitted()).isTrue();
  }

  @Test
  void amountsArePercentagesOrCountsRoundedUp() {
    assertThat(RolloutPolicy.Amount.parse("5%").of(30)).isEqualTo(2);
    assertThat(RolloutPolicy.Amount.parse("3").of(30)).isEqualTo(3);
    assertThatThrownBy(() -> RolloutPolicy.Amount.parse("lots"))
        .hasMessageContaining("not a count or percentage");
  }

  @Test
  void rolloutStagePercentagesMustNotDecrease() {
    assertThatThrownBy(
            () ->
                new RolloutPolicy(
                    List.of(
                        new RolloutPolicy.Stage.Percent(50), new RolloutPolicy.Stage.Percent(10)),
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("must not decrease");
  }

  @Test
  void objectRefsIdentifyObjectsAcrossApiVersions() {
    ObjectRef v1 = new ObjectRef("apps/v1", "Deployment", "edge", "web");
    ObjectRef beta = new ObjectRef("apps/v1beta1", "Deployment", "edge", "web");
    assertThat(v1.sameObject(beta)).isTrue();
    assertThat(v1.groupKind()).isEqualTo("Deployment.apps");
    assertThat(v1.toString()).isEqualTo("Deployment.apps/edge/web");
    assertThatThrownBy(() -> new ObjectRef("v1", "ConfigMap", "x", ""))
        .hasMessageContaining("needs a name");
  }

  @Test
  void kubeObjectsAreDeeplyImmutableCopies() {
    java.util.Map<String, Object> tree = new java.util.LinkedHashMap<>();
    tree.put("apiVersion", "v1");
    tree.put("kind", "ConfigMap");
    tree.put("metadata", new java.util.LinkedHashMap<>(Map.of("name", "c")));
    KubeObject o = KubeObject.of(tree);
    tree.put("kind", "Secret");
    assertThat(o.kind()).isEqualTo("ConfigMap");
    assertThatThrownBy(() -> o.metadata().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(o.withNamespace("ns").namespace()).isEqualTo("ns");
    assertThat(o.namespace()).isEmpty();
  }
}
