/**
 * The apply engine, after Flux's {@code ssa} package: {@link
 * dev.flotilla.agent.apply.BundleApplier} applies a bundle's objects by server-side apply (field
 * manager {@code flotilla}; Namespaces and CRDs first, then the rest in a stable kind order;
 * unchanged objects detected by a dry run and not written), prunes what the previous {@link
 * dev.flotilla.agent.apply.Inventory} has and the bundle no longer does, rolls up health in the
 * kstatus sense and corrects drift. Every step returns a {@link
 * dev.flotilla.agent.apply.ChangeSet}, which feeds the log, the inventory and the status. Every
 * applied object carries the label {@code flotilla.dev/bundle: <bundle>}; pruning touches only
 * objects that still carry it, never ones annotated {@code flotilla.dev/prune: disabled}. Decisions
 * (order, comparison, health rules) are pure; the cluster is reached only through {@link
 * dev.flotilla.agent.kube.KubeCluster}.
 */
package dev.flotilla.agent.apply;
