package dev.flotilla.hub.distribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.ClusterVars;
import dev.flotilla.render.ManifestSet;
import dev.flotilla.render.RenderException;
import dev.flotilla.render.RenderRequest;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub refuses a bundle that writes outside its {@code options.allowedNamespaces}. */
class NamespaceFenceTest {
  static BundleSpec spec(String yaml) throws Exception {
    return new BundleSpecParser(YamlReader.withDefaults())
        .parse("fleet/team/bundle.yaml", "fleet/team", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static KubeObject object(String apiVersion, String kind, String namespace, String name) {
    Map<String, Object> meta =
        namespace.isEmpty() ? Map.of("name", name) : Map.of("name", name, "namespace", namespace);
    return KubeObject.of(Map.of("apiVersion", apiVersion, "kind", kind, "metadata", meta));
  }

  static ManifestSet render(BundleSpec spec, KubeObject... objects) throws RenderException {
    return new NamespaceFence(r -> ManifestSet.of(List.of(objects)))
        .render(
            new RenderRequest(
                Path.of("."),
                new Revision("0123456789abcdef0123456789abcdef01234567"),
                spec,
                new ClusterVars("c", new ClusterId("c-1"), Labels.EMPTY)));
  }

  static final String CONFINED = "options:\n  allowedNamespaces: [team-a]\n";

  @Test
  void acceptsObjectsInsideTheAllowedNamespaces() throws Exception {
    assertThat(
            render(
                    spec(CONFINED),
                    object("v1", "Namespace", "", "team-a"),
                    object("v1", "ConfigMap", "team-a", "settings"))
                .objects())
        .hasSize(2);
  }

  @Test
  void refusesAnObjectInAnotherNamespaceNamingFileFieldAndObject() throws Exception {
    BundleSpec spec = spec(CONFINED);

    assertThatThrownBy(() -> render(spec, object("v1", "ConfigMap", "kube-system", "evil")))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("fleet/team/bundle.yaml")
        .hasMessageContaining("options.allowedNamespaces")
        .hasMessageContaining("ConfigMap kube-system/evil");
  }

  @Test
  void refusesClusterScopedObjectsAndOtherNamespaces() throws Exception {
    BundleSpec spec = spec(CONFINED);

    assertThatThrownBy(
            () ->
                render(
                    spec, object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", "root")))
        .hasMessageContaining("cluster-scoped");
    assertThatThrownBy(() -> render(spec, object("v1", "Namespace", "", "team-b")))
        .hasMessageContaining("namespace team-b is not allowed");
  }

  @Test
  void anUnconfinedBundleMayWriteAnywhere() throws Exception {
    assertThat(
            render(spec(""), object("rbac.authorization.k8s.io/v1", "ClusterRole", "", "x"))
                .objects())
        .hasSize(1);
  }
}
