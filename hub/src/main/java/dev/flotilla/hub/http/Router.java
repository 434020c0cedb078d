package dev.flotilla.hub.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code METHOD /path/{param}} to handlers. Unknown paths are a JSON 404, wrong methods a
 * 405, thrown {@link HttpError}s their status, anything else a 500 that is logged with the route.
 */
public final class Router extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  /** Handles one exchange. */
  @FunctionalInterface
  public interface Route {
    void handle(Exchange exchange) throws Exception;
  }

  private record Entry(String method, String[] segments, Route route) {}

  private final List<Entry> entries = new ArrayList<>();

  public Router add(String method, String pattern, Route route) {
    entries.add(new Entry(method, split(pattern), route));
    return this;
  }

  /** Every route as {@code METHOD /pattern}, in registration order (for tests and docs). */
  public List<String> routes() {
    return entries.stream().map(e -> e.method + " /" + String.join("/", e.segments)).toList();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String[] path = split(request.getHttpURI().getPath());
    boolean pathMatched = false;
    for (Entry e : entries) {
      Map<String, String> params = match(e.segments, path);
      if (params == null) {
        continue;
      }
      pathMatched = true;
      if (!e.method.equals(request.getMethod())) {
        continue;
      }
      Exchange ex = new Exchange(request, response, callback, params);
      try {
        e.route.handle(ex);
      } catch (HttpError err) {
        ex.respondError(err);
      } catch (Exception | StackOverflowError err) {
        LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), err);
        ex.respondError(
            new HttpError(500, "internal", "the hub failed to handle this request; see its log"));
      }
      if (!ex.detached() && !ex.responded()) {
        ex.respondEmpty(204);
      }
      return true;
    }
    Exchange ex = new Exchange(request, response, callback, Map.of());
    ex.respondError(
        pathMatched
            ? new HttpError(
                405, "method_not_allowed", request.getMethod() + " is not allowed on this path")
            : HttpError.notFound("no such endpoint: " + request.getHttpURI().getPath()));
    return true;
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), path[i]);
      } else if (!p.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    if (path == null) {
      return new String[0];
    }
    return java.util.Arrays.stream(path.split("/"))
        .filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }
}
