/**
 * Bundles found in a source revision: every directory with a {@code bundle.yaml} under the source's
 * path. A broken bundle keeps its last good definition and reports the error naming the file and
 * field; it never blocks the others.
 */
package dev.flotilla.hub.bundle;
