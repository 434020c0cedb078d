package dev.flotilla.cli;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.model.KubeObject;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.kube.InMemoryCluster;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * An in-memory cluster whose objects are written to a JSON file whenever they change, so a test can
 * watch an agent process apply and prune. Used only by {@code agent --in-memory-cluster}.
 */
final class SnapshottingCluster {
  private SnapshottingCluster() {}

  static KubeCluster start(Path file, WorkloadSimulator workloads) {
    InMemoryCluster cluster =
        InMemoryCluster.builder()
            .name("in-memory")
            .arch("amd64")
            .memoryMiB(4096)
            .version("v1.30.4+k3s1")
            .nodes(1)
            .workloads(workloads)
            .build();
    Thread.ofPlatform()
        .daemon()
        .name("cluster-snapshot")
        .start(
            () -> {
              List<Map<String, Object>> last = null;
              while (true) {
                List<Map<String, Object>> now =
                    cluster.objects().stream().map(KubeObject::body).toList();
                if (!now.equals(last)) {
                  write(file, now);
                  last = now;
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    return cluster;
  }

  private static void write(Path file, List<Map<String, Object>> objects) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".snapshot", ".tmp");
      Files.write(tmp, Json.write(objects));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      System.err.println("cannot write the cluster snapshot " + file + ": " + e.getMessage());
    }
  }
}
