package dev.flotilla.cli;

import dev.flotilla.render.BundleRenderer;
import dev.flotilla.render.KustomizeBundleRenderer;

/** The renderer the executable uses, in one place. */
final class Renderers {
  private Renderers() {}

  static BundleRenderer standard() {
    return KustomizeBundleRenderer.withDefaults();
  }
}
