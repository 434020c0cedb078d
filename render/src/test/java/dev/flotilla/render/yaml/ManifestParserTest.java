package dev.flotilla.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  private final ManifestParser parser = new ManifestParser(YamlLimits.DEFAULT);

  private Map<?, ?> one(String yaml) {
    List<Object> docs = parser.documents("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    return (Map<?, ?>) docs.get(0);
  }

  @Test
  void typesScalarsAsYaml12() {
    Map<?, ?> m = one("a: yes\nb: 0x1F\nc: 017\nd: 1_000\ne: true\nf: ~\ng: 2024-03-01\nh: '1'\n");
    assertThat(m.get("a")).isEqualTo("yes");
    assertThat(m.get("b")).isEqualTo(31L);
    assertThat(m.get("c")).isEqualTo(15L);
    assertThat(m.get("d")).isEqualTo(1000L);
    assertThat(m.get("e")).isEqualTo(true);
    assertThat(m.get("f")).isNull();
    assertThat(m.get("g")).isEqualTo("2024-03-01T00:00:00Z");
    assertThat(m.get("h")).isEqualTo("1");
  }

  @Test
  void kustomizationFilesAreTypedAsYaml11() {
    List<Object> docs =
        new ManifestParser(YamlLimits.DEFAULT, true)
            .documents("k.yaml", "a: yes\nb: off\n".getBytes(StandardCharsets.UTF_8));
    assertThat(((Map<?, ?>) docs.get(0)).get("a")).isEqualTo(true);
    assertThat(((Map<?, ?>) docs.get(0)).get("b")).isEqualTo(false);
  }

  @Test
  void expandsAliasesAndMergeKeys() {
    Map<?, ?> m = one("base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n");
    assertThat(m.get("use")).isEqualTo(Map.of("x", 1L, "y", 2L));
  }

  @Test
  void refusesDuplicateKeys() {
    assertThatThrownBy(() -> one("a: 1\na: 2\n"))
        .isInstanceOf(YamlException.class)
        .hasMessageContaining("f.yaml")
        .hasMessageContaining("'a' twice");
  }

  @Test
  void dropsEmptyDocuments() {
    assertThat(parser.documents("f.yaml", "---\n---\na: 1\n---\n".getBytes(StandardCharsets.UTF_8)))
        .hasSize(1);
  }
}
