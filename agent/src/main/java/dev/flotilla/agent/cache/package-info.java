/**
 * The agent's local store: desired documents, blobs, inventories, status and identity on disk, each
 * file sealed with AES-256-GCM under a key created 0600 on first start (or provided), the file's
 * logical name bound in as associated data, written atomically. A file that fails to open is
 * reported as corrupt, discarded and refetched; it is never applied.
 */
package dev.flotilla.agent.cache;
