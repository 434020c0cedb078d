package dev.flotilla.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.yaml.YamlReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml describes exactly the routes a running hub serves: a route added without its
 * description (or a description left after its route went) fails here.
 */
class OpenApiCoverageIT {
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");

  @TempDir Path dir;

  @Test
  void everyRouteIsDescribedAndEveryDescribedRouteExists() throws Exception {
    Path doc = Path.of("..", "docs", "openapi.yaml");
    assertThat(doc).as("run from the hub module").exists();
    Map<String, Object> api =
        YamlReader.withDefaults().mapDocument(doc.toString(), Files.readAllBytes(doc));
    assertThat(api.get("openapi")).asString().startsWith("3.");
    Set<String> described = new TreeSet<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> paths = (Map<String, Object>) api.get("paths");
    paths.forEach(
        (path, item) -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> ops = (Map<String, Object>) item;
          ops.keySet().stream()
              .filter(METHODS::contains)
              .forEach(m -> described.add(m.toUpperCase() + " " + path));
        });

    Set<String> served;
    try (Hub hub =
        Hub.start(
            HubConfig.defaults(dir, new InetSocketAddress("127.0.0.1", 0)),
            KustomizeBundleRenderer.withDefaults(),
            Clock.systemUTC())) {
      served = new TreeSet<>(hub.routes());
    }

    assertThat(served).as("routes the hub serves").isNotEmpty();
    assertThat(described)
        .as("described in docs/openapi.yaml")
        .containsExactlyInAnyOrderElementsOf(served);
  }
}
