/**
 * Secret objects sealed to one cluster: each agent holds an X25519 key made at enrollment, the hub
 * an X25519 sealing key; both derive the same AES-256-GCM key (X25519, then HKDF-SHA256 bound to
 * the cluster id), the hub seals every value of every Secret in that cluster's manifests, and the
 * agent opens them in memory just before applying. A blob or cache taken from one device reveals
 * nothing for another. See {@code docs/security.md}.
 */
package dev.flotilla.protocol.seal;
