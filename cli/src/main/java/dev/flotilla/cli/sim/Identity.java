package dev.flotilla.cli.sim;

import dev.flotilla.model.Labels;

/**
 * One simulated cluster's identity, as minted: its id and name in the hub's store, its labels, its
 * client certificate (DER) and its own P-256 private key (PKCS#8 DER).
 */
public record Identity(String id, String name, Labels labels, byte[] certificate, byte[] key) {
  public Identity {
    if (id == null || id.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("an identity needs an id and a name");
    }
    if (certificate == null || certificate.length == 0 || key == null || key.length == 0) {
      throw new IllegalArgumentException("identity " + name + " lacks its certificate or key");
    }
  }
}
