package dev.flotilla.hub.http;

import dev.flotilla.protocol.ErrorBody;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response. Responds at most once; a handler that will answer later (a
 * long-poll) calls {@link #detach()} so the router does not answer for it.
 */
public final class Exchange {
  /** Default largest request body. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Map<String, String> pathParams;
  private final AtomicBoolean responded = new AtomicBoolean();
  private volatile boolean detached;
  private boolean bodyRead;
  private Fields query;

  Exchange(Request request, Response response, Callback callback, Map<String, String> pathParams) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.pathParams = pathParams;
  }

  public String method() {
    return request.getMethod();
  }

  public String path() {
    return request.getHttpURI().getPath();
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public Optional<String> query(String name) {
    if (query == null) {
      query = Request.extractQueryParameters(request);
    }
    return Optional.ofNullable(query.getValue(name));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  /** The verified client certificate chain (leaf first), if the client presented one. */
  public Optional<X509Certificate> clientCertificate() {
    Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
    if (data instanceof EndPoint.SslSessionData ssl
        && ssl.peerCertificates() != null
        && ssl.peerCertificates().length > 0) {
      return Optional.of(ssl.peerCertificates()[0]);
    }
    return Optional.empty();
  }

  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /** The request body, refused with 413 above {@code limit} bytes. */
  public byte[] body(int limit) {
    long declared = request.getLength();
    if (declared > limit) {
      throw new HttpError(
          413, "too_large", "request body of " + declared + " bytes is over the limit of " + limit);
    }
    try (InputStream in = Request.asInputStream(request)) {
      byte[] bytes = in.readNBytes(limit + 1);
      bodyRead = bytes.length <= limit;
      if (bytes.length > limit) {
        throw new HttpError(
            413, "too_large", "request body is over the limit of " + limit + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new HttpError(400, "bad_request", "cannot read the request body: " + e.getMessage());
    }
  }

  /** The body parsed as JSON into {@code type}; malformed input is a 400 naming the type. */
  public <T> T json(Class<T> type) {
    byte[] body = body(MAX_BODY_BYTES);
    try {
      return Json.read(body, type, method() + " " + path() + " body");
    } catch (JsonException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  public void respondJson(int status, Object body) {
    respond(status, "application/json", Json.write(body));
  }

  public void respond(int status, String contentType, byte[] body) {
    if (!responded.compareAndSet(false, true)) {
      return;
    }
    response.setStatus(status);
    closeIfBodyUnread();
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  public void respondEmpty(int status) {
    if (!responded.compareAndSet(false, true)) {
      return;
    }
    response.setStatus(status);
    closeIfBodyUnread();
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    response.write(true, null, callback);
  }

  public void respondError(HttpError e) {
    if (e.retryAfterSeconds() > 0) {
      header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    respondJson(e.status(), new ErrorBody(e.code(), e.getMessage()));
  }

  public void respondText(int status, String text) {
    respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A request answered without reading its body (refused early, or too large) leaves bytes on the
   * connection that Jetty will not read: say so, so the client does not reuse the connection and
   * see its next request fail.
   */
  private void closeIfBodyUnread() {
    boolean hasBody =
        request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (hasBody && !bodyRead) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  /** This handler answers later, from another thread. */
  public void detach() {
    detached = true;
  }

  boolean detached() {
    return detached;
  }

  boolean responded() {
    return responded.get();
  }
}
