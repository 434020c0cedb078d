package dev.flotilla.hub.store;

/**
 * Everything the hub persists, grouped by concern. Implementations are thread-safe; each method is
 * one transaction.
 */
public interface HubStore extends AutoCloseable {
  ClusterStore clusters();

  TokenStore tokens();

  SourceStore sources();

  BundleStore bundles();

  BlobStore blobs();

  DesiredStore desired();

  StatusStore statuses();

  /** Staged rollouts and their history. */
  RolloutStore rollouts();

  AuditLog audit();

  /** Keys every replica on this database shares (see docs/ha.md). */
  SharedKeyStore sharedKeys();

  /** {@code sqlite} or {@code postgresql}, for logs and {@code flotilla version}. */
  String kind();

  @Override
  void close();
}
