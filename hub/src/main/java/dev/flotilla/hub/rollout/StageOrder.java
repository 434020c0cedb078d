package dev.flotilla.hub.rollout;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.RolloutPolicy;
import dev.flotilla.model.RolloutPolicy.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a bundle's clusters receive a new revision, and the stage of each (pure).
 *
 * <p>Clusters are ordered by the {@code orderBy} label's value (clusters without it last), then by
 * a hash of bundle name and cluster id: stable across restarts and hubs, different per bundle, and
 * a cluster keeps its place when others join or leave. Stages are cumulative: a selector stage
 * takes the clusters it selects that no earlier stage took; a percentage stage takes clusters in
 * order until that share of all targeted clusters is reached. Clusters no stage takes form a last
 * stage, {@code remaining}.
 */
public final class StageOrder {
  static final String REMAINING = "remaining";

  private StageOrder() {}

  /**
   * The stages of a rollout.
   *
   * @param order every cluster, in the order they move: by stage, then by rank
   * @param stageOf each cluster's stage index
   * @param names each stage's name
   */
  public record Stages(List<ClusterId> order, Map<ClusterId, Integer> stageOf, List<String> names) {
    public int count() {
      return names.size();
    }

    public int of(ClusterId cluster) {
      return stageOf.get(cluster);
    }
  }

  public static Stages of(String bundle, RolloutPolicy policy, List<ClusterState> clusters) {
    String key = policy.orderBy().orElse("");
    List<Ranked> keyed = new ArrayList<>(clusters.size());
    MessageDigest sha256 = sha256();
    for (ClusterState c : clusters) {
      String value = key.isEmpty() ? null : c.labels().get(key).orElse(null);
      keyed.add(new Ranked(c, value, rank(sha256, bundle, c.id())));
    }
    keyed.sort(
        Comparator.comparing((Ranked r) -> r.value() == null)
            .thenComparing(r -> r.value() == null ? "" : r.value())
            .thenComparingLong(Ranked::rank)
            .thenComparing(r -> r.cluster().id().value()));
    List<ClusterState> ranked = keyed.stream().map(Ranked::cluster).toList();
    Map<ClusterId, Integer> stageOf = new HashMap<>();
    List<String> names = new ArrayList<>();
    int total = clusters.size();
    for (Stage stage : policy.stages()) {
      int index = names.size();
      names.add(stage.toString());
      switch (stage) {
        case Stage.Selected s -> {
          for (ClusterState c : ranked) {
            if (!stageOf.containsKey(c.id()) && s.selector().matches(c.labels())) {
              stageOf.put(c.id(), index);
            }
          }
        }
        case Stage.Percent p -> {
          int upTo = (int) Math.ceil(total * p.percent() / 100.0);
          for (ClusterState c : ranked) {
            if (stageOf.size() >= upTo) {
              break;
            }
            stageOf.putIfAbsent(c.id(), index);
          }
        }
      }
    }
    if (stageOf.size() < total) {
      int index = names.size();
      names.add(REMAINING);
      ranked.forEach(c -> stageOf.putIfAbsent(c.id(), index));
    }
    List<ClusterId> order = new ArrayList<>();
    ranked.stream()
        .sorted(Comparator.comparingInt((ClusterState c) -> stageOf.get(c.id())))
        .forEach(c -> order.add(c.id()));
    return new Stages(List.copyOf(order), Map.copyOf(stageOf), List.copyOf(names));
  }

  /** A cluster with its sort keys, computed once. */
  private record Ranked(ClusterState cluster, String value, long rank) {}

  /** A cluster's place among equals: the first 8 bytes of sha256(bundle + "/" + cluster id). */
  static long rank(MessageDigest sha256, String bundle, ClusterId cluster) {
    byte[] h = sha256.digest((bundle + "/" + cluster.value()).getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(h, 0, 8).getLong();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
