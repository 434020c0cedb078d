package dev.flotilla.hub.bundle;

import dev.flotilla.model.BundleSpec;

/** One {@code bundle.yaml} found in a revision. */
public sealed interface ScannedBundle {
  /** The bundle's directory relative to the repository root. */
  String path();

  /** A valid bundle; {@code yaml} is the file's text. */
  record Valid(String path, BundleSpec spec, String yaml) implements ScannedBundle {}

  /**
   * A bundle whose {@code bundle.yaml} is invalid; {@code name} is the directory name when the
   * file's own name could not be read.
   */
  record Invalid(String path, String name, String error) implements ScannedBundle {}
}
