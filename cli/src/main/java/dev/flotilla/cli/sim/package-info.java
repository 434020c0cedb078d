/**
 * The fleet simulator ({@code flotilla sim}): mints cluster identities in bulk from a hub's data
 * directory, runs many simulated agents that speak the real agent protocol over mutual TLS with
 * their own certificates, and turns what it saw into figures (check-ins per second, latency
 * percentiles, 304 ratio, bytes per check-in, commit propagation, hub RSS and CPU). Decisions
 * (label distribution, fault schedule, percentiles, propagation) are pure; sockets, files and
 * {@code /proc} sit at the edges.
 */
package dev.flotilla.cli.sim;
