package dev.flotilla.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RenewRequest;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.json.JsonException;
import dev.flotilla.protocol.sign.DocumentVerifier;
import dev.flotilla.protocol.sign.SigningKeys;
import java.util.List;

/**
 * Coverage-guided fuzzing of what a peer can send: every JSON request and response body the hub or
 * the agent parses, and a signed document through the verifier. Each either parses or fails with
 * its own exception; nothing else may escape.
 */
class ProtocolJsonFuzzTest {
  private static final List<Class<?>> BODIES =
      List.of(
          RegisterRequest.class,
          StatusReport.class,
          RenewRequest.class,
          RecoverRequest.class,
          SignedDocument.class);
  private static final DocumentVerifier VERIFIER =
      new DocumentVerifier(SigningKeys.generate().getPublic());

  @FuzzTest(maxDuration = "10s")
  void jsonBodies(byte[] input) {
    for (Class<?> type : BODIES) {
      try {
        Json.read(input, type, "fuzz");
      } catch (JsonException expected) {
        // a 400 naming the body: fine
      }
    }
    try {
      SignedDocument doc = Json.read(input, SignedDocument.class, "fuzz");
      VERIFIER.verify(doc, "c-1");
    } catch (JsonException | DocumentVerifier.DocumentRejected expected) {
      // refused: fine
    }
  }
}
