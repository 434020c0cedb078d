/**
 * What the agent tells the hub: the latest state of each bundle plus a sequence-numbered event log,
 * kept in the sealed local store across outages and restarts, compacted, and delivered
 * at-least-once; the hub's acknowledgement trims it, and sequence numbers make redelivery harmless.
 */
package dev.flotilla.agent.status;
