/**
 * All Kubernetes access of the agent goes through {@link dev.flotilla.agent.kube.KubeCluster}:
 * unstructured objects, server-side apply, discovery. The fabric8 client implements it for real
 * clusters; the in-memory cluster in testkit implements it for tests, the demo and the simulator.
 */
package dev.flotilla.agent.kube;
