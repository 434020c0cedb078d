/**
 * The edge agent process: {@link dev.flotilla.agent.Agent} opens the sealed local store, enrolls
 * once, and runs the sync loop against one {@link dev.flotilla.agent.kube.KubeCluster}; {@link
 * dev.flotilla.agent.AgentConfig} is everything it starts with.
 */
package dev.flotilla.agent;
