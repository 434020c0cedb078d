package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.protocol.ErrorBody;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, oversized and deeply nested bodies, bad path parameters, queries and headers, sent to
 * every endpoint of a real hub: each is a 4xx with a JSON error body, never a 500, an HTML page or
 * a hang.
 */
class HostileInputIT {
  static final String DEEP_JSON = "[".repeat(5_000) + "]".repeat(5_000);
  static final String DEEP_OBJECT = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

  @TempDir Path dir;
  SecureHub hub;
  SecureHub.Device device;
  List<String> problems = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir);
    device = hub.register("target", "a");
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  /** Every route the hub serves, with concrete paths for its parameters. */
  private Map<String, String> everyRoute() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String route : hub.hub.routes()) {
      String path =
          route
              .substring(route.indexOf(' ') + 1)
              .replace("{digest}", "0".repeat(64))
              .replace("{name}", "target")
              .replace("{bundle}", "target")
              .replace("{id}", "abcdef");
      out.put(route, path);
    }
    assertThat(out).hasSizeGreaterThan(15);
    return out;
  }

  private HttpResponse<byte[]> call(String method, String path, String body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(hub.uri(path)).header("Authorization", "Bearer " + hub.adminToken);
    if (body != null) {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return hub.send(device.tls(hub.ca()), b);
  }

  private void expect4xxJson(String what, HttpResponse<byte[]> r) {
    String type = r.headers().firstValue("Content-Type").orElse("");
    ErrorBody e = null;
    try {
      e = Json.read(r.body(), ErrorBody.class, "error");
    } catch (RuntimeException ignored) {
      // reported below
    }
    if (r.statusCode() < 400
        || r.statusCode() > 499
        || !type.startsWith("application/json")
        || e == null
        || e.error() == null
        || e.message() == null) {
      problems.add(
          what
              + " -> "
              + r.statusCode()
              + " "
              + type
              + " "
              + SecureHub.text(r).lines().findFirst().orElse(""));
    }
  }

  @Test
  void malformedOversizedAndNestedBodiesAreRefusedEverywhere() {
    String big = "{\"x\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}";
    for (var e : everyRoute().entrySet()) {
      String method = e.getKey().substring(0, e.getKey().indexOf(' '));
      if (!method.equals("POST") || e.getKey().endsWith("/revoke")) {
        continue; // revoke takes no body and reads none
      }
      String path = e.getValue();
      expect4xxJson(e.getKey() + " malformed", call(method, path, "{not json", "application/json"));
      expect4xxJson(e.getKey() + " empty", call(method, path, "", "application/json"));
      expect4xxJson(e.getKey() + " array", call(method, path, DEEP_JSON, "application/json"));
      expect4xxJson(e.getKey() + " deep", call(method, path, DEEP_OBJECT, "application/json"));
      expectRaw4xxJson(
          e.getKey() + " 2 MiB declared",
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + hub.adminToken
              + "\r\nContent-Length: "
              + big.length()
              + "\r\n\r\n"
              + big.substring(0, 1024));
      expectRaw4xxJson(
          e.getKey() + " 1.1 MiB chunked",
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + hub.adminToken
              + "\r\nTransfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(1_100_000)
              + "\r\n"
              + big.substring(0, 1_100_000)
              + "\r\n0\r\n\r\n");
      expect4xxJson(
          e.getKey() + " number",
          call(
              method,
              path,
              "{\"seq\": 1e999999, \"uses\": 99999999999999999999, \"set\": 7, \"csr\": 5, \"token\": [], \"role\": {}}",
              "application/json"));
    }
    assertThat(problems).isEmpty();
  }

  private void expectRaw4xxJson(String what, String request) {
    try {
      String answer = raw(request);
      String status = answer.lines().findFirst().orElse("");
      if (!status.matches("HTTP/1\\.1 4\\d\\d.*") || !answer.contains("application/json")) {
        problems.add(what + " -> " + answer.lines().findFirst().orElse("(nothing)"));
      }
    } catch (Exception ex) {
      problems.add(what + " -> " + ex);
    }
  }

  @Test
  void badPathParametersAndQueriesAreRefusedEverywhere() {
    for (var e : everyRoute().entrySet()) {
      String method = e.getKey().substring(0, e.getKey().indexOf(' '));
      String body = method.equals("POST") ? "{}" : null;
      String pattern = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      if (pattern.contains("{")) {
        for (String bad : new String[] {"%2e%2e", "x".repeat(3000), "%00", "%E2%80%AE", "A;B"}) {
          String path = pattern.replaceAll("\\{[a-z]+}", bad);
          expect4xxJson(
              e.getKey() + " param " + bad.substring(0, Math.min(8, bad.length())),
              call(method, path, body, "application/json"));
        }
      }
      expect4xxJson(e.getKey() + " PATCH", call("PATCH", e.getValue(), "{}", "application/json"));
    }
    expect4xxJson("wait=abc", call("GET", "/v1/agent/desired?wait=abc", null, null));
    expect4xxJson("wait=-1", call("GET", "/v1/agent/desired?wait=-1", null, null));
    expect4xxJson(
        "wait=huge", call("GET", "/v1/agent/desired?wait=99999999999999999999", null, null));
    expect4xxJson("selector", call("GET", "/v1/admin/clusters?selector=a%20in%20(((", null, null));
    expect4xxJson("unknown", call("GET", "/v1/agent/nothing", null, null));
    expect4xxJson("root", call("GET", "/", null, null));
    assertThat(problems).isEmpty();
  }

  @Test
  void badHeadersAreRefused() {
    HttpRequest.Builder huge =
        HttpRequest.newBuilder(hub.uri("/v1/admin/clusters"))
            .header("Authorization", "Bearer " + "x".repeat(64 * 1024));
    expect4xxJson("64 KiB header", hub.send(TlsContexts.trusting(hub.ca()), huge));
    for (String auth :
        new String[] {"Basic YTpi", "Bearer", "Bearer flta..", "bearer " + hub.adminToken + "x"}) {
      expect4xxJson(
          "Authorization " + auth,
          hub.send(
              TlsContexts.trusting(hub.ca()),
              HttpRequest.newBuilder(hub.uri("/v1/admin/clusters")).header("Authorization", auth)));
    }
    HttpResponse<byte[]> weird =
        hub.send(
            device.tls(hub.ca()),
            HttpRequest.newBuilder(hub.uri("/v1/agent/desired"))
                .header("If-None-Match", "W/\"\",,,\"" + "e".repeat(4000)));
    assertThat(weird.statusCode()).isEqualTo(200);
    expect4xxJson("text/plain body", call("POST", "/v1/agent/status", "seq=1", "text/plain"));
    assertThat(problems).isEmpty();
  }

  @Test
  void rawProtocolAbuseGetsAJsonError() throws Exception {
    for (String request :
        new String[] {
          "GET /v1/agent/desired HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + "a".repeat(40_000)
              + "\r\n\r\n",
          "GET /v1/agent/desired HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
          "POST /v1/admin/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{}",
          "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET /v1/admin/clusters HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
          "BREW /v1/agent/desired HTTP/1.1\r\nHost: x\r\n\r\n",
        }) {
      String answer = raw(request);
      String status = answer.lines().findFirst().orElse("");
      if (!status.matches("HTTP/1\\.1 4\\d\\d.*") || !answer.contains("application/json")) {
        problems.add(
            request.lines().findFirst().orElse("") + " -> " + answer.replace("\r\n", " | "));
      }
    }
    assertThat(problems).isEmpty();
  }

  private String raw(String request) throws Exception {
    try (SSLSocket s =
        (SSLSocket)
            TlsContexts.trusting(hub.ca())
                .getSocketFactory()
                .createSocket("127.0.0.1", hub.hub.port())) {
      s.setEnabledProtocols(TlsContexts.PROTOCOLS);
      s.setSoTimeout((int) SecureHub.TIMEOUT.toMillis());
      OutputStream out = s.getOutputStream();
      // write while reading: the hub may answer (413) and close before the body is sent
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                      out.flush();
                    } catch (java.io.IOException closed) {
                      // the hub stopped reading: expected for oversized bodies
                    }
                  });
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
          String sofar = got.toString(StandardCharsets.ISO_8859_1);
          int head = sofar.indexOf("\r\n\r\n");
          if (head > 0) {
            var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(sofar);
            if (m.find() && sofar.length() - head - 4 >= Integer.parseInt(m.group(1))) {
              break;
            }
          }
        }
      } catch (java.net.SocketException closed) {
        // the server may close after answering
      }
      writer.join(SecureHub.TIMEOUT.toMillis());
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
