/**
 * The hub's key material, created on first start in {@code <data-dir>/pki} (files 0600): the CA
 * that issues cluster client certificates and the hub's server certificate, the server certificate
 * itself, and the Ed25519 key that signs desired documents.
 */
package dev.flotilla.hub.pki;
