package dev.flotilla.cli.sim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a process's {@code /proc} files; finds a process by the TCP port it listens on. */
public final class ProcessProbe {
  private final long pid;

  public ProcessProbe(long pid) {
    this.pid = pid;
  }

  public long pid() {
    return pid;
  }

  public Optional<ProcessSample> sample() {
    try {
      return Optional.of(
          ProcessSample.parse(
              Files.readString(Path.of("/proc", Long.toString(pid), "status")),
              Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The process that holds a socket listening on {@code port}, if this user can see it. */
  public static OptionalLong listeningOn(int port) {
    String inode = null;
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.strip().split("\\s+");
          // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; field 9 is the inode
          if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(":%04X".formatted(port))) {
            inode = f[9];
          }
        }
      } catch (IOException e) {
        // no such table (no IPv6): try the other
      }
    }
    if (inode == null) {
      return OptionalLong.empty();
    }
    String target = "socket:[" + inode + "]";
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            if (target.equals(Files.readSymbolicLink(fd).toString())) {
              return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
            }
          }
        } catch (IOException e) {
          // gone, or not ours to read
        }
      }
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
