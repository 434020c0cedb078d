package dev.flotilla.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentKeyTest {
  @TempDir Path dir;

  @Test
  void createsA32ByteOwnerOnlyKeyOnFirstStartAndReusesIt() throws IOException {
    Path file = dir.resolve("data/key");

    SecretKey first = AgentKey.loadOrCreate(file);
    SecretKey again = AgentKey.loadOrCreate(file);

    assertThat(first.getEncoded()).hasSize(32).isEqualTo(again.getEncoded());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
        .isEqualTo("rwx------");
  }

  @Test
  void loadsAProvidedKey() throws IOException {
    Path file = dir.resolve("provided");
    Files.write(file, new byte[32]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

    assertThat(AgentKey.load(file).getEncoded()).hasSize(32);
  }

  @Test
  void refusesAProvidedKeyThatIsMissingTheWrongSizeOrOpenToOthers() throws IOException {
    assertThatThrownBy(() -> AgentKey.load(dir.resolve("absent")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("absent does not exist");
    Path shortKey = dir.resolve("short");
    Files.write(shortKey, new byte[16]);
    assertThatThrownBy(() -> AgentKey.load(shortKey))
        .hasMessageContaining("exactly 32 bytes, has 16");
    Path open = dir.resolve("open");
    Files.write(open, new byte[32]);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> AgentKey.load(open))
        .hasMessageContaining("rw-r--r--")
        .hasMessageContaining("chmod 600");
    assertThat(dir.resolve("absent")).doesNotExist();
  }
}
