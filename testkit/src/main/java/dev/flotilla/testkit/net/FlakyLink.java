package dev.flotilla.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of {@code target}. While the link is down, new
 * connections are closed at once and open ones are cut, as when a truck drives out of coverage.
 */
public final class FlakyLink implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesUp = new AtomicLong();
  private final AtomicLong bytesDown = new AtomicLong();
  private volatile boolean closed;

  public FlakyLink(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("flaky-link-" + server.getLocalPort()).start(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  public boolean isUp() {
    return up.get();
  }

  public void setUp(boolean value) {
    up.set(value);
    if (!value) {
      for (Socket s : open) {
        closeQuietly(s);
      }
      open.clear();
    }
  }

  /** Bytes the client sent and received through the link. */
  public long bytesUp() {
    return bytesUp.get();
  }

  public long bytesDown() {
    return bytesDown.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!up.get()) {
        closeQuietly(client);
        continue;
      }
      Thread.ofVirtual().start(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    open.add(client);
    open.add(upstream);
    Thread.ofVirtual().start(() -> pump(client, upstream, bytesUp));
    pump(upstream, client, bytesDown);
  }

  private void pump(Socket from, Socket to, AtomicLong counter) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
        counter.addAndGet(n);
      }
    } catch (IOException e) {
      // one side went away or the link was cut: close both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    setUp(false);
  }
}
