package dev.flotilla.cli.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/1.1 client on one TLS connection (keep-alive, Content-Length and chunked bodies):
 * the simulator's agents use it instead of the JDK HttpClient, which holds a selector thread and an
 * SSLContext per client and so cannot stand for a million devices in one process.
 */
final class HubConnection implements AutoCloseable {
  static final int MAX_BODY = 8 * 1024 * 1024;

  private final SimTls.Opened opened;
  private final String host;
  private final InputStream in;
  private final OutputStream out;

  HubConnection(SimTls.Opened opened, String host) throws IOException {
    this.opened = opened;
    this.host = host;
    SSLSocket s = opened.socket();
    this.in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    this.out = s.getOutputStream();
  }

  HttpResponse get(String path, Map<String, String> headers) throws IOException {
    return send("GET", path, headers, null);
  }

  HttpResponse post(String path, byte[] json) throws IOException {
    return send("POST", path, Map.of("Content-Type", "application/json"), json);
  }

  private HttpResponse send(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder req = new StringBuilder();
    req.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host);
    req.append("\r\nUser-Agent: flotilla-sim\r\n");
    headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      req.append("Content-Length: ").append(body.length).append("\r\n");
    }
    req.append("\r\n");
    out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return read();
  }

  private HttpResponse read() throws IOException {
    String status = line();
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.1 status line: '" + status + "'");
    }
    int code = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      int n = Integer.parseInt(headers.get("content-length"));
      if (n > MAX_BODY) {
        throw new IOException("response body of " + n + " bytes is over the limit");
      }
      body = in.readNBytes(n);
      if (body.length < n) {
        throw new EOFException("connection closed after " + body.length + " of " + n + " bytes");
      }
    } else {
      body = new byte[0];
    }
    return new HttpResponse(code, headers, body);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers: ignored
        }
        return body.toByteArray();
      }
      if (body.size() + n > MAX_BODY) {
        throw new IOException("chunked response body is over the limit");
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length < n) {
        throw new EOFException("connection closed inside a chunk");
      }
      body.write(chunk);
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (sb.length() > 16 * 1024) {
        throw new IOException("header line over 16 KiB");
      }
      sb.append((char) c);
    }
    throw new EOFException("the hub closed the connection");
  }

  long bytesIn() {
    return opened.wire().bytesIn();
  }

  long bytesOut() {
    return opened.wire().bytesOut();
  }

  @Override
  public void close() {
    try {
      opened.socket().close();
    } catch (IOException e) {
      // closing: nothing more to do
    }
  }
}
