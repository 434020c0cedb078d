package dev.flotilla.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing {@code limit} and {@code continue}: defaults, the cap, and errors naming the field. */
class PageRequestTest {
  @Test
  void withoutParametersItIsTheFirstPageOfTheDefaultSize() {
    assertThat(PageRequest.parse(Optional.empty(), Optional.empty()))
        .isEqualTo(new PageRequest(null, PageRequest.DEFAULT_LIMIT));
  }

  @Test
  void aLimitAboveTheCapIsLoweredToIt() {
    assertThat(PageRequest.parse(Optional.of("1000000"), Optional.empty()).limit())
        .isEqualTo(PageRequest.MAX_LIMIT);
    assertThat(PageRequest.parse(Optional.of("7"), Optional.empty()).limit()).isEqualTo(7);
  }

  @Test
  void aLimitThatIsNotAPositiveNumberIsRefusedByName() {
    for (String bad : new String[] {"0", "-3", "ten", "", "99999999999"}) {
      assertThatThrownBy(() -> PageRequest.parse(Optional.of(bad), Optional.empty()))
          .as("limit=%s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'limit'");
    }
  }

  @Test
  void aTokenNamesTheClusterToContinueAfter() {
    String token = PageRequest.token("edge-7");
    assertThat(token).doesNotContain("edge-7").doesNotContain("=");
    assertThat(PageRequest.parse(Optional.of("5"), Optional.of(token)))
        .isEqualTo(new PageRequest("edge-7", 5));
  }

  @Test
  void aTokenTheHubDidNotIssueIsRefusedByName() {
    String foreign = Base64.getUrlEncoder().encodeToString("edge-7".getBytes());
    for (String bad : new String[] {"!!not-base64!!", foreign, PageRequest.token("")}) {
      assertThatThrownBy(() -> PageRequest.parse(Optional.empty(), Optional.of(bad)))
          .as("continue=%s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'continue'");
    }
  }
}
