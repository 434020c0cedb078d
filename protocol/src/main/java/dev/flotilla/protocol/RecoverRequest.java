package dev.flotilla.protocol;

/**
 * The way back for an agent whose certificate expired while it was offline: sent without a client
 * certificate, it proves possession of the device key of the expired certificate.
 *
 * @param certificate the expired client certificate in PEM: the latest the hub issued to the
 *     cluster
 * @param csr a CSR for a new key pair generated on the device
 * @param signedAt when the proof was made (ISO-8601); the hub accepts a few minutes of skew
 * @param proof base64 ECDSA (SHA-256) signature by the expired certificate's key over {@link
 *     dev.flotilla.protocol.pki.RecoveryProof#message}
 */
public record RecoverRequest(String certificate, String csr, String signedAt, String proof) {}
