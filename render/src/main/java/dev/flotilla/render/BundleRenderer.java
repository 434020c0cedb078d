package dev.flotilla.render;

/**
 * Renders a bundle for a cluster. Implementations must be deterministic (same request, same bytes)
 * and safe to call from several threads.
 */
public interface BundleRenderer {
  ManifestSet render(RenderRequest request) throws RenderException;
}
