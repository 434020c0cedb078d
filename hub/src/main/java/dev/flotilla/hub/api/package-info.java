/**
 * The agent API of the design brief: register, desired (conditional and long-poll), blobs, status
 * and renew. Every call but register authenticates the cluster by its client certificate alone; a
 * cluster reads only its own document and the blobs it references.
 */
package dev.flotilla.hub.api;
