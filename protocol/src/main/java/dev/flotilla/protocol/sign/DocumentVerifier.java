package dev.flotilla.protocol.sign;

import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.json.JsonException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Verifies a signed desired document and that it is meant for this cluster; returns the document
 * only when both hold (pure apart from the crypto).
 */
public final class DocumentVerifier {
  private final PublicKey hubKey;

  public DocumentVerifier(PublicKey hubKey) {
    this.hubKey = hubKey;
  }

  public DesiredDocument verify(SignedDocument signed, String expectedCluster) {
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getDecoder().decode(signed.payload());
      signature = Base64.getDecoder().decode(signed.signature());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new DocumentRejected("the desired document's payload or signature is not base64", e);
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(hubKey);
      s.update(payload);
      if (!s.verify(signature)) {
        throw new DocumentRejected(
            "the desired document's signature does not verify with the hub key "
                + SigningKeys.keyId(hubKey)
                + " (tampered in transit or signed by another hub)",
            null);
      }
    } catch (GeneralSecurityException e) {
      throw new DocumentRejected("the desired document's signature is malformed", e);
    }
    DesiredDocument doc;
    try {
      doc = Json.read(payload, DesiredDocument.class, "desired document");
    } catch (JsonException e) {
      throw new DocumentRejected(e.getMessage(), e);
    }
    if (!expectedCluster.equals(doc.cluster())) {
      throw new DocumentRejected(
          "the desired document is for cluster " + doc.cluster() + ", not " + expectedCluster,
          null);
    }
    return doc;
  }

  /** A document that must not be stored or applied; the reason is reported to the hub. */
  public static final class DocumentRejected extends RuntimeException {
    public DocumentRejected(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
