/**
 * The {@link dev.flotilla.agent.kube.KubeCluster} of real clusters, on the fabric8 client with its
 * JDK HTTP backend. Only {@code GenericKubernetesResource} crosses this package's boundary, as
 * unstructured {@link dev.flotilla.model.KubeObject}s: no typed model classes, so that the agent
 * loads few classes on a small device. Discovery is cached and refreshed when a
 * CustomResourceDefinition was applied or a kind is unknown; client errors become the {@link
 * dev.flotilla.agent.kube.KubeException} subtypes by HTTP status, never by message text.
 */
package dev.flotilla.agent.kube.fabric8;
