package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
  @TempDir Path dir;

  private static Identity identity(int i) {
    return new Identity(
        "id-" + i,
        "sim-" + i,
        Labels.of("region", "eu-west", "model", "rpi4"),
        new byte[] {1, 2, (byte) i},
        new byte[] {9, (byte) i});
  }

  @Test
  void readsBackWhatWasWrittenUpToALimit() throws Exception {
    Path file = dir.resolve(IdentityFile.FILE_NAME);
    try (IdentityFile out = IdentityFile.create(file)) {
      for (int i = 0; i < 3; i++) {
        out.append(identity(i));
      }
      assertThat(out.written()).isEqualTo(3);
    }
    List<Identity> all = IdentityFile.read(file, Integer.MAX_VALUE);
    assertThat(all).hasSize(3);
    assertThat(all.get(2).name()).isEqualTo("sim-2");
    assertThat(all.get(2).labels()).isEqualTo(Labels.of("region", "eu-west", "model", "rpi4"));
    assertThat(all.get(2).certificate()).containsExactly(1, 2, 2);
    assertThat(all.get(2).key()).containsExactly(9, 2);
    assertThat(IdentityFile.read(file, 2)).hasSize(2);
  }

  @Test
  void refusesAMissingOrForeignFile() throws Exception {
    assertThatThrownBy(() -> IdentityFile.read(dir.resolve("none.bin"), 1))
        .hasMessageContaining("flotilla sim mint");
    Path junk = dir.resolve("junk.bin");
    Files.write(junk, new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    assertThatThrownBy(() -> IdentityFile.read(junk, 1)).hasMessageContaining("mint again");
  }
}
