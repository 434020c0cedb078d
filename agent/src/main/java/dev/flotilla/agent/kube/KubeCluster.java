package dev.flotilla.agent.kube;

import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Kubernetes API as the agent sees it. Implementations must be safe for use from several
 * threads. Every method may throw {@link KubeException}; callers decide per object whether that
 * fails the object, the bundle or the run.
 */
public interface KubeCluster extends AutoCloseable {

  /** How the API server serves a kind; throws {@link KubeException.UnknownKind} if it does not. */
  ResourceKind resolve(String apiVersion, String kind);

  /**
   * Server-side apply of {@code request.object()} with the request's field manager; returns the
   * object as the server stored it (or would store it, for a dry run).
   */
  KubeObject apply(ApplyRequest request);

  Optional<KubeObject> get(ObjectRef ref);

  /** Objects of a kind, in one namespace or (with {@code ""}) in all. */
  List<KubeObject> list(ResourceKind kind, String namespace);

  /**
   * Drops the {@code metadata.managedFields} entries listed in {@code entries} from the live object
   * (a JSON patch of that list, as Flux's ssa cleanup does): their fields stay as they are but
   * belong to no one, so the next apply takes them without a conflict. Returns the object as
   * stored; unchanged when it has none of those entries. {@link KubeException.Invalid} if it does
   * not exist, or changed while the entries were being dropped (retry on the next run).
   *
   * @throws IllegalArgumentException if that would drop every entry: an API server then hands every
   *     field to {@code before-first-apply} on the next write
   */
  KubeObject removeManagedFields(ObjectRef ref, Set<ManagedFieldsEntry> entries);

  /** Deletes with background propagation; returns false when the object was already gone. */
  boolean delete(ObjectRef ref);

  /** Version, architecture, memory and runtime classes, for the facts the agent reports. */
  ClusterInfo info();

  @Override
  void close();
}
