/**
 * From bundles to per-cluster desired documents: for each cluster, decide which bundles it gets
 * ({@link dev.flotilla.hub.target}), render them (once per distinct input, through the render
 * cache), store each result as a content-addressed blob, and sign a new desired document only when
 * the content changed, waking that cluster's long-poll.
 */
package dev.flotilla.hub.distribute;
