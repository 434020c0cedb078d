/**
 * Reading blobs: rendered manifests as canonical multi-document YAML, parsed on the agent with
 * strict limits after their sha256 has been checked.
 */
package dev.flotilla.protocol.blob;
