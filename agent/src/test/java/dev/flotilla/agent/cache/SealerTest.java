package dev.flotilla.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealerTest {
  private final Sealer sealer = new Sealer(key(1));
  private final byte[] plain =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {mode: edge}\n"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void opensWhatItSealed() {
    byte[] sealed = sealer.seal("blobs/abc", plain);

    assertThat(sealer.open("blobs/abc", sealed)).isEqualTo(plain);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("ConfigMap");
  }

  @Test
  void sealsTheSameContentDifferentlyEachTime() {
    assertThat(sealer.seal("desired", plain)).isNotEqualTo(sealer.seal("desired", plain));
  }

  @Test
  void everySingleByteFlipIsDetected() {
    byte[] sealed = sealer.seal("blobs/abc", plain);
    for (int i = 0; i < sealed.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = Arrays.copyOf(sealed, sealed.length);
        flipped[i] ^= (byte) (1 << bit);
        int at = i;
        assertThatThrownBy(() -> sealer.open("blobs/abc", flipped))
            .as("byte %d bit %d", at, bit)
            .isInstanceOf(Sealer.Corrupt.class)
            .hasMessageContaining("blobs/abc");
      }
    }
  }

  @Test
  void aFileMovedToAnotherNameOrSealedWithAnotherKeyOrTruncatedIsDetected() {
    byte[] sealed = sealer.seal("blobs/abc", plain);

    assertThatThrownBy(() -> sealer.open("blobs/def", sealed))
        .isInstanceOf(Sealer.Corrupt.class)
        .hasMessageContaining("failed authentication");
    assertThatThrownBy(() -> new Sealer(key(2)).open("blobs/abc", sealed))
        .isInstanceOf(Sealer.Corrupt.class);
    assertThatThrownBy(() -> sealer.open("blobs/abc", Arrays.copyOf(sealed, sealed.length - 1)))
        .isInstanceOf(Sealer.Corrupt.class);
    assertThatThrownBy(() -> sealer.open("blobs/abc", Arrays.copyOf(sealed, 10)))
        .isInstanceOf(Sealer.Corrupt.class)
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> sealer.open("blobs/abc", plain))
        .isInstanceOf(Sealer.Corrupt.class)
        .hasMessageContaining("not a sealed Flotilla file");
  }

  static SecretKeySpec key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return new SecretKeySpec(k, "AES");
  }
}
