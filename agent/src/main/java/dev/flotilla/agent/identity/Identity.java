package dev.flotilla.agent.identity;

import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.TlsContexts;
import dev.flotilla.protocol.seal.SealingKeys;
import dev.flotilla.protocol.seal.SecretCipher;
import dev.flotilla.protocol.sign.DocumentVerifier;
import dev.flotilla.protocol.sign.SigningKeys;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The agent's credentials, kept sealed in the local store.
 *
 * @param clusterId the id the hub assigned (the certificate's CN)
 * @param name the cluster's name
 * @param hubUrl the hub it enrolled with
 * @param privateKey PEM of the device key
 * @param certificate PEM of the client certificate
 * @param caCertificate PEM of the hub CA
 * @param hubSigningKey base64 Ed25519 key that signs desired documents
 * @param encryptionKey base64 PKCS#8 of the device's X25519 key its Secrets are sealed to (null for
 *     identities from before Secret sealing)
 * @param hubSealingKey base64 X.509 of the hub's X25519 sealing key (null likewise)
 */
public record Identity(
    String clusterId,
    String name,
    String hubUrl,
    String privateKey,
    String certificate,
    String caCertificate,
    String hubSigningKey,
    String encryptionKey,
    String hubSealingKey) {

  public SSLContext tls() {
    X509Certificate cert = Pem.certificate(certificate);
    return TlsContexts.mutual(
        Pem.certificate(caCertificate), Pem.privateKey(privateKey), List.of(cert));
  }

  public DocumentVerifier verifier() {
    return new DocumentVerifier(SigningKeys.decodePublic(hubSigningKey));
  }

  public Instant notBefore() {
    return Pem.certificate(certificate).getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return Pem.certificate(certificate).getNotAfter().toInstant();
  }

  /** Renewal is due at two thirds of the certificate's lifetime. */
  public Instant renewAt() {
    Instant from = notBefore();
    long life = notAfter().toEpochMilli() - from.toEpochMilli();
    return from.plusMillis(life * 2 / 3);
  }

  public Identity withCertificate(String newKey, String newCert, String newCa) {
    return new Identity(
        clusterId,
        name,
        hubUrl,
        newKey,
        newCert,
        newCa,
        hubSigningKey,
        encryptionKey,
        hubSealingKey);
  }

  /** The same credentials at another hub URL (the hub moved). */
  public Identity withHubUrl(String url) {
    return new Identity(
        clusterId,
        name,
        url,
        privateKey,
        certificate,
        caCertificate,
        hubSigningKey,
        encryptionKey,
        hubSealingKey);
  }

  /** Opens the Secrets the hub sealed to this cluster; empty for an identity without keys. */
  public Optional<SecretCipher> secretCipher() {
    if (encryptionKey == null || hubSealingKey == null) {
      return Optional.empty();
    }
    return Optional.of(
        SecretCipher.between(
            SealingKeys.decodePrivate(encryptionKey),
            SealingKeys.decodePublic(hubSealingKey),
            clusterId));
  }

  @Override
  public String toString() {
    return "Identity[" + name + " (" + clusterId + ") at " + hubUrl + "]";
  }
}
