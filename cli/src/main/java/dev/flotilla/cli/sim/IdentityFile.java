package dev.flotilla.cli.sim;

import dev.flotilla.model.Labels;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The identities of a minted fleet in one binary file ({@code identities.bin}): a header (magic,
 * version) then, per cluster, id, name, labels ({@code k=v,…}), certificate DER and key DER, each
 * length-prefixed. About 600 bytes per cluster: 1M clusters are ~600 MB and load in seconds.
 */
public final class IdentityFile implements AutoCloseable {
  public static final String FILE_NAME = "identities.bin";
  private static final int MAGIC = 0x464c5349; // "FLSI"
  private static final int VERSION = 1;

  private final DataOutputStream out;
  private long written;

  private IdentityFile(DataOutputStream out) {
    this.out = out;
  }

  /** Creates (or replaces) {@code file} for appending identities. */
  public static IdentityFile create(Path file) throws IOException {
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    return new IdentityFile(out);
  }

  public void append(Identity identity) throws IOException {
    out.writeUTF(identity.id());
    out.writeUTF(identity.name());
    out.writeUTF(identity.labels().toString());
    bytes(identity.certificate());
    bytes(identity.key());
    written++;
  }

  public long written() {
    return written;
  }

  private void bytes(byte[] b) throws IOException {
    out.writeShort(b.length);
    out.write(b);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Reads at most {@code limit} identities from {@code file}, in the order they were written. */
  public static List<Identity> read(Path file, int limit) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no " + FILE_NAME + " at " + file + ": mint identities first (flotilla sim mint --out)");
    }
    List<Identity> out = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IllegalArgumentException(
            file + " is not an identity file of this version: mint again (flotilla sim mint)");
      }
      while (out.size() < limit) {
        String id;
        try {
          id = in.readUTF();
        } catch (EOFException end) {
          break;
        }
        String name = in.readUTF();
        Labels labels = Labels.parse(in.readUTF());
        out.add(new Identity(id, name, labels, bytes(in), bytes(in)));
      }
    }
    return out;
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return b;
  }
}
