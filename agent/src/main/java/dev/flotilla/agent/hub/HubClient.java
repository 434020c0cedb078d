package dev.flotilla.agent.hub;

import dev.flotilla.model.Digest;
import dev.flotilla.protocol.AgentApi;
import dev.flotilla.protocol.ErrorBody;
import dev.flotilla.protocol.HeaderValues;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RegisterResponse;
import dev.flotilla.protocol.RenewRequest;
import dev.flotilla.protocol.RenewResponse;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.protocol.blob.ManifestParser;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.json.JsonException;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/** HTTPS calls to the hub's agent API. One instance per TLS identity; thread-safe. */
public final class HubClient implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final String base;
  private final HttpClient http;
  private final Duration defaultPoll;

  public HubClient(String hubUrl, SSLContext tls, Duration defaultPoll) {
    this.base = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
    if (!base.startsWith("https://")) {
      throw new IllegalArgumentException("the hub URL must start with https://, got " + hubUrl);
    }
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .sslParameters(TlsContexts.parameters())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.defaultPoll = defaultPoll;
  }

  public String url() {
    return base;
  }

  public RegisterResponse register(RegisterRequest request) {
    HttpResponse<byte[]> r = send(post(AgentApi.REGISTER, request).build());
    return parse(expectOk(r), RegisterResponse.class, "registration response");
  }

  /** A conditional (and, with {@code wait > 0}, long-) poll for the desired document. */
  public DesiredPoll desired(Optional<String> etag, Duration wait) {
    String path = AgentApi.DESIRED + (wait.isZero() ? "" : "?wait=" + wait.toSeconds());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(wait.plus(CALL_TIMEOUT));
    etag.ifPresent(e -> b.header("If-None-Match", "\"" + e + "\""));
    HttpResponse<byte[]> r = send(b.build());
    Duration next = nextPoll(r);
    if (r.statusCode() == 304) {
      return new DesiredPoll.NotModified(next);
    }
    byte[] body = expectOk(r);
    String tag = r.headers().firstValue("ETag").map(HeaderValues::entityTag).orElse("");
    return new DesiredPoll.Changed(
        parse(body, SignedDocument.class, "desired document"), tag, next);
  }

  /** A blob's bytes (not yet verified: the caller checks the digest). */
  public byte[] blob(Digest digest) {
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(URI.create(base + AgentApi.BLOBS + digest.hex()))
                .header("Accept-Encoding", "gzip")
                .timeout(CALL_TIMEOUT)
                .GET()
                .build());
    byte[] body = expectOk(r);
    if (r.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        byte[] raw = in.readNBytes(ManifestParser.MAX_BLOB_BYTES + 1);
        if (raw.length > ManifestParser.MAX_BLOB_BYTES) {
          throw new HubException.Failed("blob " + digest.shortHex() + " is over the size limit");
        }
        return raw;
      } catch (IOException e) {
        throw new HubException.Failed(
            "blob " + digest.shortHex() + " is not valid gzip: " + e.getMessage());
      }
    }
    return body;
  }

  public StatusAck status(StatusReport report) {
    return parse(
        expectOk(send(post(AgentApi.STATUS, report).build())), StatusAck.class, "status receipt");
  }

  public RenewResponse renew(RenewRequest request) {
    return parse(
        expectOk(send(post(AgentApi.RENEW, request).build())), RenewResponse.class, "renewal");
  }

  /** Recovery of an expired identity: sent over a connection without a client certificate. */
  public RenewResponse recover(RecoverRequest request) {
    return parse(
        expectOk(send(post(AgentApi.RECOVER, request).build())), RenewResponse.class, "recovery");
  }

  private HttpRequest.Builder post(String path, Object body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(CALL_TIMEOUT)
        .header("Content-Type", AgentApi.JSON)
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new HubException.Unreachable(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException.Unreachable(base, e);
    }
  }

  private byte[] expectOk(HttpResponse<byte[]> r) {
    int s = r.statusCode();
    if (s >= 200 && s < 300) {
      return r.body();
    }
    if (s == 429 || s == 503) {
      long after =
          r.headers()
              .firstValue("Retry-After")
              .map(HeaderValues::delaySeconds)
              .orElse(HeaderValues.DEFAULT_DELAY_SECONDS);
      throw new HubException.Throttled(Duration.ofSeconds(Math.max(1, after)));
    }
    String code = "error";
    String message = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      ErrorBody e = Json.read(r.body(), ErrorBody.class, "error body");
      code = e.error();
      message = e.message();
    } catch (JsonException ignored) {
      // not our JSON: keep the raw text (a proxy's page, say)
    }
    if (s >= 400 && s < 500) {
      throw new HubException.Refused(s, code, message);
    }
    throw new HubException.Failed("hub answered " + s + " " + code + ": " + message);
  }

  private Duration nextPoll(HttpResponse<?> r) {
    return r.headers()
        .firstValue(AgentApi.NEXT_POLL_HEADER)
        .map(HeaderValues::delaySeconds)
        .filter(n -> n > 0)
        .map(Duration::ofSeconds)
        .orElse(defaultPoll);
  }

  private static <T> T parse(byte[] body, Class<T> type, String what) {
    try {
      return Json.read(body, type, what);
    } catch (JsonException e) {
      throw new HubException.Failed("the hub's " + what + " is malformed: " + e.getMessage());
    }
  }

  /** Stops at once: an outstanding long-poll is abandoned, not waited for. */
  @Override
  public void close() {
    http.shutdownNow();
  }
}
