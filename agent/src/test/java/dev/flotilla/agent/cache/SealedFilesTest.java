package dev.flotilla.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedFilesTest {
  @TempDir Path dir;

  private SealedFiles files() {
    return new SealedFiles(dir.resolve("state"), new Sealer(SealerTest.key(7)));
  }

  @Test
  void writesOwnerOnlyFilesAndLeavesNoTempFileBehind() throws IOException {
    SealedFiles files = files();
    files.write("blobs/aa", bytes("one"));
    files.write("blobs/aa", bytes("two"));

    assertThat(files.read("blobs/aa"))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("two")));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.path("blobs/aa"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state/blobs"))))
        .isEqualTo("rwx------");
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aFileThatFailsToOpenIsDeletedAndReportedCorrupt() throws IOException {
    SealedFiles files = files();
    files.write("desired", bytes("document"));
    Path file = files.path("desired");
    byte[] sealed = Files.readAllBytes(file);
    sealed[sealed.length / 2] ^= 0x01;
    Files.write(file, sealed);

    assertThatThrownBy(() -> files.read("desired"))
        .isInstanceOf(Sealer.Corrupt.class)
        .hasMessageContaining("'desired'");
    assertThat(file).doesNotExist();
    assertThat(files.read("desired")).isEmpty();
  }

  @Test
  void removesTempFilesACrashLeftMidWrite() throws IOException {
    SealedFiles files = files();
    files.write("blobs/aa", bytes("kept"));
    Files.write(dir.resolve("state/.desired.sealed123.tmp"), bytes("half"));
    Files.write(dir.resolve("state/blobs/.bb.sealed9.tmp"), bytes("half"));

    assertThat(files.removeLeftovers()).isEqualTo(2);
    assertThat(files.list("blobs")).containsExactly("blobs/aa");
  }

  @Test
  void refusesNamesThatLeaveTheStore() {
    SealedFiles files = files();
    assertThatThrownBy(() -> files.path("../key")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.path("/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.path(".hidden")).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
