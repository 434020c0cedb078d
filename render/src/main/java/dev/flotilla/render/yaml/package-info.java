/**
 * YAML in and out. {@link dev.flotilla.render.yaml.YamlReader} parses configuration such as {@code
 * bundle.yaml}; {@link dev.flotilla.render.yaml.ManifestParser} parses manifests and kustomizations
 * typed as Kustomize types them; both enforce {@link dev.flotilla.render.yaml.YamlLimits} and name
 * the file in errors. {@link dev.flotilla.render.yaml.YamlWriter} writes the canonical
 * multi-document text, byte-identical to {@code kubectl kustomize} (a port of the Go yaml.v2
 * emitter's layout and quoting rules).
 */
package dev.flotilla.render.yaml;
