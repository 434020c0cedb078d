/**
 * Turns a bundle at a revision into manifests for a cluster: {@link
 * dev.flotilla.render.BundleRenderer} takes a {@link dev.flotilla.render.RenderRequest} and returns
 * a {@link dev.flotilla.render.ManifestSet}, whose canonical YAML text and sha256 are what the hub
 * stores as a content-addressed blob and the agent applies.
 */
package dev.flotilla.render;
