/**
 * How clusters and operators get credentials: bootstrap tokens (hashed at rest, expiring, counted,
 * revocable) that carry the CA pin; registration that turns a token and a CSR into a client
 * certificate; renewal over mTLS; admin tokens with roles.
 */
package dev.flotilla.hub.enroll;
