package dev.flotilla.model;

import java.util.List;

/**
 * Apply-time options of a bundle ({@code options:} in {@code bundle.yaml}), carried to the agent in
 * the desired document.
 *
 * @param forceConflicts take ownership of fields another field manager owns
 * @param prune delete objects the bundle no longer contains (default true)
 * @param allowedNamespaces when non-empty, the only namespaces the bundle may write to
 */
public record BundleOptions(boolean forceConflicts, boolean prune, List<String> allowedNamespaces) {
  public static final BundleOptions DEFAULT = new BundleOptions(false, true, List.of());

  public BundleOptions {
    allowedNamespaces = List.copyOf(allowedNamespaces == null ? List.of() : allowedNamespaces);
    allowedNamespaces.forEach(n -> Names.requireDnsLabel("options.allowedNamespaces", n));
  }
}
