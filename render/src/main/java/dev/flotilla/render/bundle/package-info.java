/**
 * Reads {@code bundle.yaml} into a {@link dev.flotilla.model.BundleSpec}. Every field is checked;
 * an unknown or malformed field is a {@link dev.flotilla.render.bundle.BundleSpecException} that
 * names the file and the field's path, so a bad commit is easy to fix and never half-applied.
 */
package dev.flotilla.render.bundle;
