package dev.flotilla.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlWriterTest {
  private static String write(Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", value);
    return YamlWriter.document(m);
  }

  @Test
  void quotesStringsThatYaml11WouldReadAsOtherTypes() {
    assertThat(write("yes")).isEqualTo("v: \"yes\"\n");
    assertThat(write("1")).isEqualTo("v: \"1\"\n");
    assertThat(write("")).isEqualTo("v: \"\"\n");
    assertThat(write("2024-01-01")).isEqualTo("v: \"2024-01-01\"\n");
    assertThat(write("1:30")).isEqualTo("v: \"1:30\"\n");
    assertThat(write("plain")).isEqualTo("v: plain\n");
  }

  @Test
  void usesSingleQuotesForIndicatorsAndDoubleQuotesForControlCharacters() {
    assertThat(write("*star")).isEqualTo("v: '*star'\n");
    assertThat(write("a: b")).isEqualTo("v: 'a: b'\n");
    assertThat(write("a\tb")).isEqualTo("v: \"a\\tb\"\n");
    assertThat(write("ship 🚢")).isEqualTo("v: \"ship \\U0001F6A2\"\n");
  }

  @Test
  void writesMultiLineStringsAsLiteralBlocks() {
    assertThat(write("a\nb\n")).isEqualTo("v: |\n  a\n  b\n");
    assertThat(write("a\nb")).isEqualTo("v: |-\n  a\n  b\n");
    assertThat(write("a\n\n")).isEqualTo("v: |+\n  a\n\n");
    assertThat(write(" a\n")).isEqualTo("v: |2\n   a\n");
  }

  @Test
  void writesNumbersAsGoJsonRoundTripsThem() {
    assertThat(write(2.0)).isEqualTo("v: 2\n");
    assertThat(write(1.5)).isEqualTo("v: 1.5\n");
    assertThat(write(1234567.5)).isEqualTo("v: 1.2345675e+06\n");
    assertThat(write(1e21)).isEqualTo("v: 1e+21\n");
    assertThat(write(42L)).isEqualTo("v: 42\n");
  }

  @Test
  void foldsLongPlainStringsAfterColumnEighty() {
    String words = String.join(" ", java.util.Collections.nCopies(30, "word"));
    String out = write(words);
    assertThat(out.lines().count()).isGreaterThan(1);
    assertThat(out.lines().skip(1).allMatch(l -> l.startsWith("  "))).isTrue();
  }

  @Test
  void sortsKeysTheYamlV2WayAndDoesNotIndentSequencesUnderKeys() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a10", 1L);
    m.put("a2", 1L);
    m.put("B", 1L);
    List<Object> l = new ArrayList<>();
    l.add(Map.of("k", "v"));
    l.add(List.of());
    m.put("list", l);
    m.put("empty", Map.of());
    assertThat(YamlWriter.document(m))
        .isEqualTo("B: 1\na2: 1\na10: 1\nempty: {}\nlist:\n- k: v\n- []\n");
  }

  @Test
  void separatesDocuments() {
    assertThat(YamlWriter.documents(List.of(Map.of("a", 1L), Map.of("b", 2L))))
        .isEqualTo("a: 1\n---\nb: 2\n");
  }
}
