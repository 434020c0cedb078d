/**
 * Test doubles that are real enough to run the product on: a manual clock, an in-memory Kubernetes
 * cluster behind the agent's {@code KubeCluster} interface, a Git repository builder. Tests use
 * them; so do {@code flotilla demo} and {@code flotilla sim}, which is why this is an ordinary
 * module and not test scope.
 */
package dev.flotilla.testkit;
