package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.ClusterInfo;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.agent.kube.ObjectScope;
import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.testkit.kube.ObjectStore.Key;
import dev.flotilla.testkit.kube.ObjectStore.Stored;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Kubernetes API in memory, for tests, the demo and the simulator. Thread-safe (one lock per
 * cluster) and light: a cluster with nothing applied holds a handful of objects.
 *
 * <p>Where it differs from a real API server, on purpose:
 *
 * <ul>
 *   <li>no defaulting beyond Namespaces (a Deployment gets no {@code strategy}, a container no
 *       {@code imagePullPolicy}) and no schema validation beyond {@link ObjectValidator};
 *   <li>keyed lists come from a table of field names ({@link ListKeys}), not OpenAPI schemas;
 *   <li>deleting a Namespace or a CRD removes its objects at once, where a real server first marks
 *       it Terminating and a controller deletes the contents over seconds;
 *   <li>no watches, no ownerReference garbage collection, no admission webhooks, one version per
 *       stored object (no conversion: an object reads back in the version it was written);
 *   <li>workload statuses come from a {@link WorkloadSimulator}, synchronously.
 * </ul>
 */
public final class InMemoryCluster implements KubeCluster {
  private static final String CONTROLLER = "kube-controller-manager";
  private static final String API_SERVER = "kube-apiserver";

  private final String name;
  private final Clock clock;
  private final String gitVersion;
  private final boolean establishCrdsAtOnce;
  private final Discovery discovery = new Discovery(BuiltinKinds.all());
  private final ObjectStore store;
  private final Set<String> establishedCrds = new HashSet<>();
  private WorkloadSimulator simulator;
  private boolean reachable = true;
  private long applies;
  private long dryRuns;

  InMemoryCluster(InMemoryClusterBuilder b) {
    this.name = b.name;
    this.clock = b.clock;
    this.gitVersion = b.gitVersion;
    this.establishCrdsAtOnce = b.establishCrdsAtOnce;
    this.simulator = b.simulator;
    this.store = new ObjectStore(b.name);
    ClusterSeed.objects(b).forEach(o -> write(ApplyRequest.of(o, true).as("k3s")));
  }

  public static InMemoryClusterBuilder builder() {
    return new InMemoryClusterBuilder();
  }

  /** A cluster with the builder's defaults. */
  public static InMemoryCluster create() {
    return builder().build();
  }

  public String name() {
    return name;
  }

  @Override
  public synchronized ResourceKind resolve(String apiVersion, String kind) {
    ensureReachable();
    return discovery
        .find(apiVersion, kind)
        .orElseThrow(() -> new KubeException.UnknownKind(apiVersion, kind));
  }

  @Override
  public synchronized KubeObject apply(ApplyRequest request) {
    ensureReachable();
    if (request.dryRun()) {
      dryRuns++;
    } else {
      applies++;
    }
    return write(request);
  }

  private KubeObject write(ApplyRequest request) {
    KubeObject object = request.object();
    ObjectRef ref = object.ref();
    ResourceKind kind =
        discovery
            .find(object.apiVersion(), object.kind())
            .orElseThrow(() -> new KubeException.UnknownKind(object.apiVersion(), object.kind()));
    Map<String, Object> config = TreeValues.copyMap(ObjectScope.bodyFor(kind, object));
    ServerFields.strip(config);
    if (!discovery.statusIsApplied(kind)) {
      config.remove("status");
    }
    validate(kind, ref, KubeObject.of(config));
    Key key = Key.of(kind, object.namespace(), object.name());
    Stored previous = store.get(key);
    ServerSideApply.Outcome out;
    try {
      out =
          ServerSideApply.apply(
              previous == null ? null : TreeValues.copyMap(previous.object().body()),
              previous == null ? ManagedFields.none() : previous.managed(),
              config,
              request.fieldManager(),
              request.force(),
              discovery.isBuiltin(kind),
              now());
    } catch (ServerSideApply.ConflictsException e) {
      throw new KubeException.Conflict(ref, e.getMessage(), null);
    }
    Map<String, Object> body = out.body();
    ServerFields.defaults(kind, body);
    if (previous != null
        && body.equals(previous.object().body())
        && out.managed().equals(previous.managed())) {
      return previous.render();
    }
    Stored written = store(kind, key, body, out.managed(), previous, request.dryRun());
    if (request.dryRun()) {
      return written.render();
    }
    afterWrite(kind, key, previous);
    return store.get(key).render();
  }

  @Override
  public synchronized Optional<KubeObject> get(ObjectRef ref) {
    ResourceKind kind = resolve(ref.apiVersion(), ref.kind());
    return Optional.ofNullable(store.get(Key.of(kind, ref.namespace(), ref.name())))
        .map(Stored::render);
  }

  @Override
  public synchronized List<KubeObject> list(ResourceKind kind, String namespace) {
    ensureReachable();
    String ns = kind.namespaced() ? namespace : "";
    return store.list(Key.groupKind(kind), ns).stream().map(Stored::render).toList();
  }

  @Override
  public synchronized KubeObject removeManagedFields(
      ObjectRef ref, Set<ManagedFieldsEntry> entries) {
    ResourceKind kind = resolve(ref.apiVersion(), ref.kind());
    Key key = Key.of(kind, ref.namespace(), ref.name());
    Stored previous = store.get(key);
    if (previous == null) {
      throw new KubeException.Invalid(ref, "not found", null);
    }
    List<ManagedFields.Entry> kept =
        previous.managed().entries().stream()
            .filter(e -> !entries.contains(new ManagedFieldsEntry(e.manager(), e.operation(), "")))
            .toList();
    if (kept.size() == previous.managed().entries().size()) {
      return previous.render();
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "dropping " + entries + " would leave " + ref + " without managed fields");
    }
    store(
        kind,
        key,
        TreeValues.copyMap(previous.object().body()),
        new ManagedFields(kept),
        previous,
        false);
    return store.get(key).render();
  }

  @Override
  public synchronized boolean delete(ObjectRef ref) {
    ResourceKind kind = resolve(ref.apiVersion(), ref.kind());
    Stored removed = store.remove(Key.of(kind, ref.namespace(), ref.name()));
    if (removed == null) {
      return false;
    }
    if (kind.kind().equals("Namespace") && kind.group().isEmpty()) {
      store.removeNamespaceContents(ref.name());
    }
    if (CustomResourceDefinitions.isCrd(kind)) {
      establishedCrds.remove(ref.name());
      Set<String> groupKinds = new HashSet<>();
      discovery.withdraw(ref.name()).forEach(k -> groupKinds.add(Key.groupKind(k)));
      groupKinds.forEach(store::removeKind);
    }
    return true;
  }

  @Override
  public synchronized ClusterInfo info() {
    ensureReachable();
    List<KubeObject> nodes = store.list("Node", "").stream().map(Stored::object).toList();
    List<String> runtimeClasses =
        store.list("RuntimeClass.node.k8s.io", "").stream().map(s -> s.object().name()).toList();
    return ClusterInfo.of(gitVersion, nodes, runtimeClasses);
  }

  /**
   * Changes an object behind Flotilla's back, as {@code kubectl edit} or a controller would: an
   * update by {@code manager}, which takes ownership of every field it changes. Works while the
   * cluster is unreachable (the change is local to the cluster).
   */
  public synchronized KubeObject edit(
      ObjectRef ref, String manager, Consumer<Map<String, Object>> change) {
    ResourceKind kind =
        discovery
            .find(ref.apiVersion(), ref.kind())
            .orElseThrow(() -> new KubeException.UnknownKind(ref.apiVersion(), ref.kind()));
    Key key = Key.of(kind, ref.namespace(), ref.name());
    Stored previous = store.get(key);
    if (previous == null) {
      throw new IllegalArgumentException("cannot edit " + ref + " in " + name + ": not found");
    }
    Map<String, Object> before = TreeValues.copyMap(previous.object().body());
    Map<String, Object> after = TreeValues.copyMap(previous.object().body());
    change.accept(after);
    after = TreeValues.copyMap(after);
    ServerFields.keepIdentity(before, after);
    validate(kind, ref, KubeObject.of(after));
    ManagedFields managed =
        UpdateOwnership.after(
            before, after, previous.managed(), manager, discovery.isBuiltin(kind), now());
    store(kind, key, after, managed, previous, false);
    afterWrite(kind, key, previous);
    return store.get(key).render();
  }

  /** Every object, of every kind, as the API would serve it. */
  public synchronized List<KubeObject> objects() {
    return store.all().stream().map(Stored::render).toList();
  }

  /** While unreachable, every call of the {@link KubeCluster} interface fails as Unavailable. */
  public synchronized void setReachable(boolean reachable) {
    this.reachable = reachable;
  }

  /** Replaces the simulator; existing workloads keep their status until written or resimulated. */
  public synchronized void setWorkloadSimulator(WorkloadSimulator simulator) {
    this.simulator = Objects.requireNonNull(simulator);
  }

  /** Runs the simulator over every workload again, e.g. after replacing it. */
  public synchronized void resimulateWorkloads() {
    for (Stored s : store.all()) {
      if (WorkloadSimulator.WORKLOAD_KINDS.contains(s.object().kind())) {
        ResourceKind kind =
            discovery.find(s.object().apiVersion(), s.object().kind()).orElseThrow();
        simulate(kind, Key.of(kind, s.object().namespace(), s.object().name()));
      }
    }
  }

  /**
   * Establishes the CRDs applied so far, when the cluster was built not to establish them at once
   * (to test waiting for them).
   */
  public synchronized void establishPendingCrds() {
    ResourceKind crdKind =
        discovery.find("apiextensions.k8s.io/v1", "CustomResourceDefinition").orElseThrow();
    for (Stored s : store.list(Key.groupKind(crdKind), "")) {
      if (!establishedCrds.contains(s.object().name())) {
        establish(crdKind, Key.of(crdKind, "", s.object().name()));
      }
    }
  }

  /** Applies received, not counting dry runs. */
  public synchronized long applyCount() {
    return applies;
  }

  public synchronized long dryRunCount() {
    return dryRuns;
  }

  @Override
  public void close() {}

  private void afterWrite(ResourceKind kind, Key key, Stored previous) {
    if (CustomResourceDefinitions.isCrd(kind)) {
      if (establishCrdsAtOnce || establishedCrds.contains(key.name())) {
        establish(kind, key);
      } else {
        KubeObject crd = store.get(key).object();
        setStatus(kind, key, CustomResourceDefinitions.status(crd, false, now()), API_SERVER);
      }
    }
    boolean specChanged =
        previous == null
            || !Objects.equals(
                previous.object().at("metadata.generation"),
                store.get(key).object().at("metadata.generation"));
    if (specChanged && WorkloadSimulator.WORKLOAD_KINDS.contains(kind.kind())) {
      simulate(kind, key);
    }
  }

  private void establish(ResourceKind crdKind, Key key) {
    KubeObject crd = store.get(key).object();
    discovery.serve(
        crd.name(),
        CustomResourceDefinitions.servedKinds(crd),
        CustomResourceDefinitions.versionsWithStatus(crd));
    establishedCrds.add(crd.name());
    setStatus(crdKind, key, CustomResourceDefinitions.status(crd, true, now()), API_SERVER);
  }

  private void simulate(ResourceKind kind, Key key) {
    simulator
        .statusFor(store.get(key).object())
        .ifPresent(status -> setStatus(kind, key, status, CONTROLLER));
  }

  private void setStatus(ResourceKind kind, Key key, Map<String, Object> status, String manager) {
    Stored previous = store.get(key);
    Map<String, Object> before = TreeValues.copyMap(previous.object().body());
    Map<String, Object> after = TreeValues.copyMap(previous.object().body());
    after.put("status", TreeValues.copy(status));
    if (after.equals(before)) {
      return;
    }
    ManagedFields managed =
        UpdateOwnership.after(
            before, after, previous.managed(), manager, discovery.isBuiltin(kind), now());
    store(kind, key, after, managed, previous, false);
  }

  private Stored store(
      ResourceKind kind,
      Key key,
      Map<String, Object> body,
      ManagedFields managed,
      Stored previous,
      boolean dryRun) {
    ServerFields.stamp(
        kind, body, previous == null ? null : previous.object(), store, now(), dryRun);
    Stored s = new Stored(KubeObject.of(body), managed);
    if (!dryRun) {
      store.put(key, s);
    }
    return s;
  }

  private void validate(ResourceKind kind, ObjectRef ref, KubeObject object) {
    Optional<String> problem = ObjectValidator.problem(kind, object);
    if (problem.isPresent()) {
      throw new KubeException.Invalid(ref, problem.get(), null);
    }
    if (kind.namespaced()) {
      ResourceKind ns = discovery.find("v1", "Namespace").orElseThrow();
      if (store.get(Key.of(ns, "", object.namespace())) == null) {
        throw new KubeException.Invalid(
            ref, "namespaces \"" + object.namespace() + "\" not found", null);
      }
    }
  }

  private void ensureReachable() {
    if (!reachable) {
      throw new KubeException.Unavailable("in-memory cluster " + name + " is unreachable", null);
    }
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
