package dev.flotilla.hub.distribute;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.render.ManifestSet;
import java.util.List;

/**
 * What one cluster should run: an assignment per targeted bundle, the bundles of its desired
 * document in dependency order, and the rendered manifest sets to store as blobs.
 */
public record ClusterPlan(
    List<Assignment> assignments, List<DesiredBundle> document, List<ManifestSet> rendered) {}
