package dev.flotilla.cli.sim;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A TCP socket that counts the bytes it moves; TLS is layered over it, so the counts are wire
 * bytes: handshakes, records and HTTP headers and bodies (not TCP/IP headers).
 */
final class CountingSocket extends Socket {
  private long received;
  private long sent;
  private InputStream input;
  private OutputStream output;

  long bytesIn() {
    return received;
  }

  long bytesOut() {
    return sent;
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (input == null) {
      input =
          new FilterInputStream(super.getInputStream()) {
            @Override
            public int read() throws IOException {
              int b = super.read();
              if (b >= 0) {
                received++;
              }
              return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = super.read(b, off, len);
              if (n > 0) {
                received += n;
              }
              return n;
            }
          };
    }
    return input;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (output == null) {
      output =
          new FilterOutputStream(super.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
              sent++;
              out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              sent += len;
              out.write(b, off, len);
            }
          };
    }
    return output;
  }
}
