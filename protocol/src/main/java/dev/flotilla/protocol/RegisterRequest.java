package dev.flotilla.protocol;

import dev.flotilla.model.Facts;
import java.util.Map;

/**
 * First contact: a bootstrap token, a certificate signing request for a key that never leaves the
 * device, and what the agent knows about itself.
 *
 * @param token the bootstrap token's id and secret ({@code id.secret}; the CA pin stays local)
 * @param name the cluster's requested name (a DNS label, unique in the fleet)
 * @param csr PKCS#10 request in PEM
 * @param labels labels the agent asks for; the token's labels win on conflict
 * @param facts the cluster's facts at registration
 * @param encryptionKey the device's X25519 public key (base64 X.509) that the hub seals this
 *     cluster's Secrets to; generated on the device, its private half never leaves it
 */
public record RegisterRequest(
    String token,
    String name,
    String csr,
    Map<String, String> labels,
    Facts facts,
    String encryptionKey) {}
