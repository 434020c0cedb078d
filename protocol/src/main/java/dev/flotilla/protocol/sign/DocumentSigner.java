package dev.flotilla.protocol.sign;

import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.security.KeyPair;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs desired documents with the hub's Ed25519 key. Signing uses Bouncy Castle's Ed25519, several
 * times faster than the JDK's (the hub signs one document per changed cluster, a million after a
 * fleet-wide commit); Ed25519 signatures are deterministic, so the bytes are the ones the JDK would
 * produce and agents verify them with the JDK.
 */
public final class DocumentSigner {
  private final KeyPair keys;
  private final String keyId;
  private final Ed25519PrivateKeyParameters privateKey;

  public DocumentSigner(KeyPair keys) {
    this.keys = keys;
    this.keyId = SigningKeys.keyId(keys.getPublic());
    try {
      this.privateKey =
          (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(keys.getPrivate().getEncoded());
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException(
          "the document signing key is not an Ed25519 private key (PKCS#8); recreate"
              + " pki/signing.key",
          e);
    }
  }

  public SignedDocument sign(DesiredDocument document) {
    byte[] payload = Json.write(document);
    return new SignedDocument(
        Base64.getEncoder().encodeToString(payload),
        Base64.getEncoder().encodeToString(signature(payload)),
        keyId);
  }

  /** The Ed25519 signature of {@code payload}; thread-safe. */
  byte[] signature(byte[] payload) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(payload, 0, payload.length);
    return signer.generateSignature();
  }

  public String publicKey() {
    return SigningKeys.encodePublic(keys.getPublic());
  }
}
