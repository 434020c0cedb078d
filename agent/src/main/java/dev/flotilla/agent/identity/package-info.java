/**
 * Who this agent is to the hub: a key pair generated on the device (it never leaves), the client
 * certificate the hub's CA issued for it, the CA, and the hub's document-signing key. Obtained by
 * enrolling with a bootstrap token whose CA pin the hub must match; renewed before expiry.
 */
package dev.flotilla.agent.identity;
