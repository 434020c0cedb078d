/**
 * Git sources, read with JGit: a bare clone per source under {@code <data-dir>/sources}, fetched on
 * an interval or a webhook, and a read-only tree exported per revision for rendering. A failed
 * fetch keeps the last good revision.
 */
package dev.flotilla.hub.source;
