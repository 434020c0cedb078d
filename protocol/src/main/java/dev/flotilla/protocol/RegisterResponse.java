package dev.flotilla.protocol;

/**
 * The hub's answer to a registration.
 *
 * @param clusterId the identity assigned; the CN of {@code certificate}
 * @param name the cluster's name
 * @param certificate the client certificate in PEM
 * @param caCertificate the hub CA in PEM, the agent's trust anchor from now on
 * @param signingKey the hub's Ed25519 public key (X.509 SubjectPublicKeyInfo, base64) that signs
 *     desired documents
 * @param sealingKey the hub's X25519 public key (base64 X.509) Secrets are sealed with
 */
public record RegisterResponse(
    String clusterId,
    String name,
    String certificate,
    String caCertificate,
    String signingKey,
    String sealingKey) {}
