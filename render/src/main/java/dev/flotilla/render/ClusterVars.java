package dev.flotilla.render;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;

/**
 * What a render may know about the cluster it renders for: the values of {@code ${region}}, {@code
 * ${label:KEY}}, {@code ${cluster.name}} and {@code ${cluster.id}}.
 */
public record ClusterVars(String clusterName, ClusterId clusterId, Labels labels) {}
