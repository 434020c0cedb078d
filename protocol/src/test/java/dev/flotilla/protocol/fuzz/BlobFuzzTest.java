package dev.flotilla.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.blob.ManifestParser;

/**
 * Coverage-guided fuzzing of the agent's blob parser (after the digest check): any bytes either
 * parse into objects or are refused with {@link ManifestParser.BlobRejected}.
 */
class BlobFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void blobs(byte[] input) {
    try {
      ManifestParser.parse(Digest.of(input), input);
    } catch (ManifestParser.BlobRejected expected) {
      // refused: fine
    }
  }
}
