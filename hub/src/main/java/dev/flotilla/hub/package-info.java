/**
 * The hub process: {@link dev.flotilla.hub.Hub} wires the store, PKI, sources, bundle catalog,
 * distributor and HTTP endpoints explicitly (no injection framework); {@link
 * dev.flotilla.hub.FleetLoop} is the single thread that turns source changes and cluster changes
 * into new desired documents.
 */
package dev.flotilla.hub;
