package dev.flotilla.render;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.Revision;
import java.nio.file.Path;

/**
 * One render: a bundle of a checked-out repository at a revision, for one cluster.
 *
 * @param repoRoot the repository's working tree; no file outside it may be read
 * @param revision the commit the tree holds (part of the render cache key)
 * @param bundle the parsed {@code bundle.yaml}; its {@code path} is relative to {@code repoRoot}
 * @param cluster the cluster's name, id and labels
 */
public record RenderRequest(
    Path repoRoot, Revision revision, BundleSpec bundle, ClusterVars cluster) {}
