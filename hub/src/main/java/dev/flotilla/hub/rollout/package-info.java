/**
 * Staged rollouts: when a bundle's revision changes, its targeted clusters move in stages. {@link
 * dev.flotilla.hub.rollout.RolloutPlanner} decides, as a pure function of the clusters, their
 * states, the policy and the time, which clusters run which revision and whether the rollout
 * advances, pauses or rolls back; {@link dev.flotilla.hub.rollout.RolloutController} runs it on the
 * fleet loop (the leading hub only), persists the rollout and its history, and answers the {@link
 * dev.flotilla.hub.distribute.RolloutGate}; {@link dev.flotilla.hub.rollout.RolloutEndpoints} is
 * the admin API. See {@code docs/rollouts.md}.
 */
package dev.flotilla.hub.rollout;
