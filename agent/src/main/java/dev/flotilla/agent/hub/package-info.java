/**
 * The agent's side of the protocol: one HTTPS client (TLS 1.3, the hub CA as the only trust anchor,
 * the cluster's certificate) for conditional long-polls, blob fetches, status reports and renewal,
 * with failures as a small sealed family that says whether to back off or give up.
 */
package dev.flotilla.agent.hub;
