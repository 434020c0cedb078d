/**
 * The agent's loop, as named steps: pull the desired document when the hub answers (conditional,
 * long-poll, backoff with full jitter), verify and store it, reconcile the cluster from the local
 * store whether or not the hub answers, correct drift on a timer, report status, renew the
 * certificate. Each step is small and driven by an injected clock.
 */
package dev.flotilla.agent.sync;
