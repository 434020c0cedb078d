package dev.flotilla.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {
  @Test
  void entityTagsLoseTheirQuotesAndWeakPrefix() {
    assertThat(HeaderValues.entityTag("\"3f2a\"")).isEqualTo("3f2a");
    assertThat(HeaderValues.entityTag(" W/\"3f2a\" ")).isEqualTo("3f2a");
    assertThat(HeaderValues.entityTag("3f2a")).isEqualTo("3f2a");
    assertThat(HeaderValues.entityTag("\"")).isEqualTo("\"");
  }

  @Test
  void delaysAreWholeSecondsElseTheDefault() {
    assertThat(HeaderValues.delaySeconds(" 30 ")).isEqualTo(30);
    assertThat(HeaderValues.delaySeconds("Wed, 21 Oct 2026 07:28:00 GMT"))
        .isEqualTo(HeaderValues.DEFAULT_DELAY_SECONDS);
  }
}
