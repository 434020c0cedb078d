/**
 * Raw protocol clients for hub tests and benchmarks: a {@link
 * dev.flotilla.testkit.fleet.ProtocolAgent} enrolls with a bootstrap token and speaks the agent API
 * directly (conditional and long polls, blobs, status), without applying anything, so tests can see
 * exactly which documents, ETags and generations the hub serves.
 */
package dev.flotilla.testkit.fleet;
