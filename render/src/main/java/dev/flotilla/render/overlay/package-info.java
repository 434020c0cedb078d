/**
 * Chooses a bundle's overlays for a cluster: {@link dev.flotilla.render.overlay.OverlayResolver}
 * fills {@code ${region}} and {@code ${label:KEY}} in the overlay templates of {@code bundle.yaml}
 * from the cluster's labels (pure), so clusters with equal labels share one render.
 */
package dev.flotilla.render.overlay;
