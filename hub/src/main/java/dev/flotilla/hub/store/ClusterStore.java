package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster registry. */
public interface ClusterStore {
  /** Inserts a new cluster; fails with {@link NameTaken} if the name is in use. */
  void insert(ClusterRecord cluster);

  /**
   * Inserts many new clusters at once (bulk minting by {@code flotilla sim mint}), in transactions
   * of a few thousand rows; fails with {@link NameTaken} if a name is in use, leaving the batches
   * before the failing one inserted.
   */
  void insertAll(List<ClusterRecord> clusters);

  Optional<ClusterRecord> get(ClusterId id);

  Optional<ClusterRecord> byName(String name);

  List<ClusterRecord> list();

  /**
   * Up to {@code limit} clusters with ids after {@code after} (all if null), in id order: callers
   * that visit every cluster page through them rather than hold the whole fleet.
   */
  List<ClusterRecord> page(ClusterId after, int limit);

  /**
   * Up to {@code limit} clusters whose names sort after {@code afterName} (all if null), in name
   * order: the admin API lists clusters by name, a page at a time.
   */
  List<ClusterRecord> pageByName(String afterName, int limit);

  void setLabels(ClusterId id, Labels labels);

  void setFacts(ClusterId id, Facts facts);

  void setCertificate(ClusterId id, String serial, Instant expires);

  /** Stores the cluster's X25519 public key (base64 X.509) that its Secrets are sealed to. */
  void setEncryptionKey(ClusterId id, String publicKey);

  /** The cluster's encryption key, empty if it enrolled without one. */
  Optional<String> encryptionKey(ClusterId id);

  /** Records contact; a last-seen time never moves backwards. */
  void touch(ClusterId id, Instant at);

  /**
   * Records the contact of many clusters in one transaction (the hub's write-behind last-seen table
   * flushes through this); like {@link #touch}, never moves a last-seen time backwards and ignores
   * clusters that are not registered.
   */
  default void touchAll(Map<ClusterId, Instant> seen) {
    seen.forEach(this::touch);
  }

  void revoke(ClusterId id);

  /** The name is already used by another cluster. */
  final class NameTaken extends RuntimeException {
    public NameTaken(String name) {
      super(
          "a cluster named '"
              + name
              + "' is already registered; choose another name (--name) or remove the old one");
    }
  }
}
