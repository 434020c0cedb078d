package dev.flotilla.protocol.sign;

import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/** Signs desired documents with the hub's Ed25519 key. */
public final class DocumentSigner {
  private final KeyPair keys;
  private final String keyId;

  public DocumentSigner(KeyPair keys) {
    this.keys = keys;
    this.keyId = SigningKeys.keyId(keys.getPublic());
  }

  public SignedDocument sign(DesiredDocument document) {
    byte[] payload = Json.write(document);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(keys.getPrivate());
      s.update(payload);
      return new SignedDocument(
          Base64.getEncoder().encodeToString(payload),
          Base64.getEncoder().encodeToString(s.sign()),
          keyId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  public String publicKey() {
    return SigningKeys.encodePublic(keys.getPublic());
  }
}
