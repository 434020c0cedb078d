package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.SourceRequest;
import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.http.Router;
import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.SourceDefinition;
import dev.flotilla.hub.store.SourceRecord;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The admin API for Git sources ({@code flotilla source add|list|get|remove}). Credentials go in
 * and never come out: views carry only the kind of authentication; the audit log records the URL
 * and the kind.
 */
public final class SourceEndpoints {
  private final HubStore store;
  private final AdminAuthenticator auth;
  private final Clock clock;
  private final Consumer<String> changed;

  /**
   * @param changed told the name of a source that was added, changed or removed (the fleet loop
   *     fetches it, or drops its bundles)
   */
  public SourceEndpoints(HubStore store, Clock clock, Consumer<String> changed) {
    this.store = store;
    this.auth = new AdminAuthenticator(store.tokens());
    this.clock = clock;
    this.changed = changed;
  }

  public Router routes(Router r) {
    return r.add("GET", "/v1/admin/sources", this::list)
        .add("POST", "/v1/admin/sources", this::put)
        .add("GET", "/v1/admin/sources/{name}", this::get)
        .add("DELETE", "/v1/admin/sources/{name}", this::remove);
  }

  private void list(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    ex.respondJson(200, store.sources().list().stream().map(SourceRequests::view).toList());
  }

  private void get(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    ex.respondJson(200, SourceRequests.view(source(ex.pathParam("name"))));
  }

  private void put(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    SourceDefinition d;
    try {
      d = SourceRequests.definition(ex.json(SourceRequest.class));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("source: " + e.getMessage());
    }
    boolean existed = store.sources().get(d.name()).isPresent();
    store.sources().upsert(d);
    store
        .audit()
        .record(
            clock.instant(),
            "admin:" + who.id(),
            existed ? "source.update" : "source.add",
            d.name(),
            SourceRequests.redact(d.url())
                + " "
                + d.branch()
                + " auth="
                + d.auth().kind().name().toLowerCase()
                + (d.webhookSecret().isEmpty() ? "" : " webhook"));
    changed.accept(d.name());
    ex.respondJson(existed ? 200 : 201, SourceRequests.view(source(d.name())));
  }

  private void remove(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    SourceRecord s = source(ex.pathParam("name"));
    store.sources().remove(s.name());
    store.audit().record(clock.instant(), "admin:" + who.id(), "source.remove", s.name(), "");
    changed.accept(s.name());
    ex.respondJson(200, SourceRequests.view(s));
  }

  private SourceRecord source(String name) {
    return store
        .sources()
        .get(name)
        .orElseThrow(() -> HttpError.notFound("no source named '" + name + "'"));
  }
}
