/**
 * Keys, certificates and TLS shared by hub and agent: PEM, CSRs made on the device, the CA pin a
 * bootstrap token carries, bootstrap tokens, and TLS contexts (pinned first contact, then mTLS with
 * the hub CA as the only trust anchor).
 */
package dev.flotilla.protocol.pki;
