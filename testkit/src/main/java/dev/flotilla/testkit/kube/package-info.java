/**
 * An in-memory Kubernetes API behind the agent's {@link dev.flotilla.agent.kube.KubeCluster}:
 * discovery of the common built-in kinds plus the kinds of applied CustomResourceDefinitions,
 * server-side apply with managed fields per field manager (leaf paths; lists of maps keyed by their
 * merge key, other lists atomic), conflicts and force, dry runs, namespaces, and a pluggable {@link
 * dev.flotilla.testkit.kube.WorkloadSimulator} standing in for controllers and kubelets. It is
 * close enough to a real API server that {@code KubeClusterContract} passes on both; where they
 * differ is written down in {@link dev.flotilla.testkit.kube.InMemoryCluster}.
 */
package dev.flotilla.testkit.kube;
