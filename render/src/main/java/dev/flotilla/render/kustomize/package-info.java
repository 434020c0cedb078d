/**
 * A Kustomize-compatible engine held to {@code kubectl kustomize} v5.5 byte for byte: {@link
 * dev.flotilla.render.kustomize.Kustomizer} builds a kustomization directory of a repository into
 * objects, reading only files inside the repository ({@link
 * dev.flotilla.render.kustomize.RepoFiles}); each transformer, generator and patch kind lives in
 * its own class and runs in Kustomize's order. Unsupported fields are errors, never ignored.
 */
package dev.flotilla.render.kustomize;
