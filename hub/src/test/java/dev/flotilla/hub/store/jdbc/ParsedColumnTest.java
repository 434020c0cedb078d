package dev.flotilla.hub.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.Labels;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParsedColumnTest {
  @Test
  void equalTextsAreParsedOnceAndShareOneValue() {
    AtomicInteger parses = new AtomicInteger();
    ParsedColumn<Labels> column =
        new ParsedColumn<>(
            8,
            text -> {
              parses.incrementAndGet();
              return Labels.of("region", text);
            });
    Labels a = column.of("eu");
    Labels b = column.of("eu");
    assertThat(b).isSameAs(a);
    assertThat(column.of("us")).isEqualTo(Labels.of("region", "us"));
    assertThat(parses).hasValue(2);
  }

  @Test
  void staysWithinItsCapacity() {
    ParsedColumn<String> column = new ParsedColumn<>(3, String::toUpperCase);
    for (int i = 0; i < 100; i++) {
      assertThat(column.of("x" + i)).isEqualTo("X" + i);
      assertThat(column.size()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aCorruptColumnStillSaysSo() {
    assertThatThrownBy(() -> JsonColumns.labels("{not json"))
        .hasMessageContaining("corrupt labels column");
  }
}
