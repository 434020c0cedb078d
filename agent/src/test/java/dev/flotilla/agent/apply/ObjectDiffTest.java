package dev.flotilla.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.model.KubeObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectDiffTest {
  private final KubeObject live =
      serverView(Manifests.deployment("edge", "web", "nginx:1.25", 2), "7");

  @Test
  void ignoresWhatTheServerFillsIn() {
    KubeObject dryRun = serverView(Manifests.deployment("edge", "web", "nginx:1.25", 2), "8");
    Map<String, Object> body = dryRun.mutableBody();
    body.put("status", Map.of("replicas", 5));

    assertThat(ObjectDiff.differences(KubeObject.of(body), live)).isEmpty();
  }

  @Test
  void reportsTheFieldsThatDiffer() {
    KubeObject dryRun = serverView(Manifests.deployment("edge", "web", "nginx:1.26", 3), "7");

    assertThat(ObjectDiff.differences(dryRun, live))
        .containsExactly("spec.replicas", "spec.template.spec.containers[0].image");
  }

  @Test
  @SuppressWarnings("unchecked")
  void treatsEqualNumbersOfDifferentTypesAsEqual() {
    Map<String, Object> body = live.mutableBody();
    ((Map<String, Object>) body.get("spec")).put("replicas", 2L);

    assertThat(ObjectDiff.differences(KubeObject.of(body), live)).isEmpty();
  }

  @Test
  void summarisesLongListsOfPaths() {
    List<String> paths = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    assertThat(ObjectDiff.describe(paths)).isEqualTo("a, b, c, d, e, f, g, h and 2 more");
  }

  private static KubeObject serverView(KubeObject o, String resourceVersion) {
    Map<String, Object> body = o.mutableBody();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
    meta.put("resourceVersion", resourceVersion);
    meta.put("uid", "u-" + resourceVersion);
    meta.put("generation", Integer.parseInt(resourceVersion));
    meta.put("managedFields", List.of(Map.of("manager", "flotilla", "time", resourceVersion)));
    return KubeObject.of(body);
  }
}
