/**
 * Ed25519 signatures on desired documents: the hub signs the exact payload bytes, the agent
 * verifies them against the key it received at registration before it stores or applies anything.
 * Only the JDK's own Ed25519 is used.
 */
package dev.flotilla.protocol.sign;
