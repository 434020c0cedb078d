package dev.flotilla.render.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flotilla.render.yaml.YamlException;
import dev.flotilla.render.yaml.YamlLimits;
import dev.flotilla.render.yaml.YamlReader;

/**
 * Coverage-guided fuzzing of the YAML reader (depth, alias and size limits): any input either
 * parses or fails with {@link YamlException}; anything else (a RuntimeException of another kind, a
 * StackOverflowError, a hang) is a finding. A bounded run is part of every build; {@code
 * bench/fuzz.sh} runs longer.
 */
class YamlDocumentsFuzzTest {
  private static final YamlReader READER = new YamlReader(new YamlLimits(64 * 1024, 50, 10, 100));

  @FuzzTest(maxDuration = "10s")
  void yamlDocuments(byte[] input) {
    try {
      READER.documents("fuzz.yaml", input);
    } catch (YamlException expected) {
      // refused with a message naming the file: fine
    }
  }
}
