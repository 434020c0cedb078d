package dev.flotilla.render.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.Labels;
import dev.flotilla.model.RolloutPolicy;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BundleSpecParserTest {
  private final BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());

  private BundleSpec parse(String yaml) throws BundleSpecException {
    return parser.parse(
        "fleet/web/bundle.yaml", "fleet/web", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryFieldOfTheDesignBrief() throws Exception {
    BundleSpec s =
        parse(
            """
            name: node-agent
            namespace: telemetry
            render:
              kustomize: base
            overlays:
              - overlays/region/${region}
              - overlays/model/${model}
            targets:
              - name: edge
                selector:
                  matchLabels: {tier: edge}
                  matchExpressions:
                    - {key: region, operator: NotIn, values: [cn-north]}
            requires:
              arch: [arm64, amd64]
              minMemoryMiB: 1024
              runtimeClasses: [wasmtime]
            rollout:
              stages: [1%, 10%, {name: canary, selector: {matchLabels: {canary: "true"}}}, 100%]
              maxUnavailable: 5%
              healthTimeout: 10m
              failureThreshold: 2%
              rollback: auto
              orderBy: region
            dependsOn: [cert-manager]
            options: {forceConflicts: true, prune: false, allowedNamespaces: [telemetry]}
            """);
    assertThat(s.name()).isEqualTo("node-agent");
    assertThat(s.path()).isEqualTo("fleet/web");
    assertThat(s.render().kustomize()).isEqualTo("base");
    assertThat(s.overlays())
        .containsExactly("overlays/region/${region}", "overlays/model/${model}");
    assertThat(s.firstMatchingTarget(Labels.of("tier", "edge", "region", "eu-west"))).isPresent();
    assertThat(s.firstMatchingTarget(Labels.of("tier", "edge", "region", "cn-north"))).isEmpty();
    assertThat(s.requires().minMemoryMiB()).isEqualTo(1024);
    assertThat(s.rollout().stages())
        .hasSize(4)
        .element(2)
        .isInstanceOf(RolloutPolicy.Stage.Selected.class);
    assertThat(s.rollout().healthTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.rollout().rollback()).isEqualTo(RolloutPolicy.Rollback.AUTO);
    assertThat(s.dependsOn()).containsExactly("cert-manager");
    assertThat(s.options().forceConflicts()).isTrue();
    assertThat(s.options().prune()).isFalse();
  }

  @Test
  void defaultsTheNameToTheDirectoryAndTargetsToNowhere() throws Exception {
    BundleSpec s = parse("namespace: web\n");
    assertThat(s.name()).isEqualTo("web");
    assertThat(s.targets()).isEmpty();
    assertThat(s.firstMatchingTarget(Labels.of("tier", "edge"))).isEmpty();
  }

  @Test
  void namesTheFileAndFieldOfAnUnknownField() {
    assertThatThrownBy(() -> parse("targetz: []\n"))
        .isInstanceOfSatisfying(
            BundleSpecException.class, e -> assertThat(e.field()).isEqualTo("targetz"))
        .hasMessageStartingWith("fleet/web/bundle.yaml: field 'targetz': unknown field");
  }

  @Test
  void namesNestedFieldPathsForBadValues() {
    assertThatThrownBy(() -> parse("rollout:\n  stages: [10%, fast]\n"))
        .hasMessageContaining("field 'rollout.stages[1]'")
        .hasMessageContaining("not a count or percentage");
    assertThatThrownBy(() -> parse("rollout:\n  healthTimeout: soon\n"))
        .hasMessageContaining("field 'rollout.healthTimeout'");
    assertThatThrownBy(
            () ->
                parse(
                    "targets:\n- selector:\n    matchExpressions:\n    - {key: a, operator: Near}\n"))
        .hasMessageContaining("field 'targets[0].selector.matchExpressions[0]'")
        .hasMessageContaining("unknown selector operator 'Near'");
    assertThatThrownBy(() -> parse("requires:\n  minMemoryMiB: lots\n"))
        .hasMessageContaining("field 'requires.minMemoryMiB': must be a whole number");
    assertThatThrownBy(() -> parse("options:\n  prune: maybe\n"))
        .hasMessageContaining("field 'options.prune': must be true or false");
    assertThatThrownBy(() -> parse("name: Not_A_Label\n"))
        .hasMessageContaining("name must be a DNS label");
  }

  @Test
  void refusesMalformedYamlNamingTheFile() {
    assertThatThrownBy(() -> parse("targets: [unclosed\n"))
        .isInstanceOf(BundleSpecException.class)
        .hasMessageStartingWith("fleet/web/bundle.yaml: ")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> parse("- a list\n")).hasMessageContaining("must hold a YAML mapping");
  }

  @Test
  void refusesHelmAndKustomizeTogetherAndAbsolutePaths() {
    assertThatThrownBy(() -> parse("render:\n  kustomize: base\n  helm: {chart: charts/x}\n"))
        .hasMessageContaining("set either render.kustomize or render.helm");
    assertThatThrownBy(() -> parse("overlays: [/etc]\n"))
        .hasMessageContaining("field 'overlays[0]'");
  }
}
