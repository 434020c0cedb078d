package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.AdminTokenView;
import dev.flotilla.hub.admin.AdminViews.ClusterDetail;
import dev.flotilla.hub.admin.AdminViews.CreateAdminToken;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedAdminToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.admin.AdminViews.Event;
import dev.flotilla.hub.admin.AdminViews.LabelChange;
import dev.flotilla.hub.admin.AdminViews.TokenView;
import dev.flotilla.hub.enroll.TokenIssuer;
import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.http.Router;
import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.TokenRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.DurationText;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

/** Handlers of the admin API; see {@code docs/api.md}. */
public final class AdminEndpoints {
  private final HubStore store;
  private final AdminAuthenticator auth;
  private final TokenIssuer issuer;
  private final Clock clock;
  private final Duration offlineAfter;
  private final Consumer<ClusterId> labelsChanged;
  private Consumer<ClusterId> revoked = id -> {};
  private Function<ClusterId, Instant> unwrittenContact = id -> null;

  public AdminEndpoints(
      HubStore store,
      TokenIssuer issuer,
      Clock clock,
      Duration offlineAfter,
      Consumer<ClusterId> labelsChanged) {
    this.store = store;
    this.auth = new AdminAuthenticator(store.tokens());
    this.issuer = issuer;
    this.clock = clock;
    this.offlineAfter = offlineAfter;
    this.labelsChanged = labelsChanged;
  }

  /**
   * Called after a cluster is revoked, e.g. to wake its long-polls so they are refused now rather
   * than when they time out.
   */
  public AdminEndpoints onRevoke(Consumer<ClusterId> hook) {
    this.revoked = hook;
    return this;
  }

  /**
   * Where to find contacts not yet written to the store (the hub's write-behind last-seen table),
   * so views show the latest contact and online verdict.
   */
  public AdminEndpoints withUnwrittenContacts(Function<ClusterId, Instant> lookup) {
    this.unwrittenContact = lookup;
    return this;
  }

  public Router routes(Router r) {
    return r.add("GET", "/v1/admin/clusters", this::listClusters)
        .add("GET", "/v1/admin/clusters/{name}", this::getCluster)
        .add("POST", "/v1/admin/clusters/{name}/labels", this::labelCluster)
        .add("POST", "/v1/admin/clusters/{name}/revoke", this::revokeCluster)
        .add("GET", "/v1/admin/bundles", this::listBundles)
        .add("GET", "/v1/admin/bundles/{name}", this::getBundle)
        .add("GET", "/v1/admin/tokens", this::listTokens)
        .add("POST", "/v1/admin/tokens", this::createToken)
        .add("DELETE", "/v1/admin/tokens/{id}", this::revokeToken)
        .add("GET", "/v1/admin/admin-tokens", this::listAdminTokens)
        .add("POST", "/v1/admin/admin-tokens", this::createAdminToken)
        .add("DELETE", "/v1/admin/admin-tokens/{id}", this::revokeAdminToken)
        .add("GET", "/v1/admin/fleet", this::fleet)
        .add("GET", "/v1/admin/audit", this::audit);
  }

  private FleetReader reader() {
    return new FleetReader(store, clock, offlineAfter, unwrittenContact);
  }

  /**
   * A page of clusters in name order; {@code limit} (capped) and {@code continue} as Kubernetes
   * lists take them, the next page's token in the {@code Flotilla-Continue} header. The body stays
   * the bare array it always was.
   */
  private void listClusters(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    LabelSelector selector = selector(ex);
    PageRequest req = pageRequest(ex);
    respondPage(
        ex,
        reader()
            .page(
                req,
                c -> selector.matches(c.labels()),
                (status, c) -> Optional.of(status.cluster(c))));
  }

  private void getCluster(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    ClusterRecord c = cluster(ex.pathParam("name"));
    FleetStatus status = reader().of(c);
    List<Event> events =
        store.statuses().events(c.id(), 50).stream()
            .map(e -> new Event(e.seq(), e.at(), e.bundle(), e.type(), e.message()))
            .toList();
    ex.respondJson(200, new ClusterDetail(status.cluster(c), status.bundlesOf(c.id()), events));
  }

  private void labelCluster(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.OPERATOR);
    ClusterRecord c = cluster(ex.pathParam("name"));
    LabelChange change = ex.json(LabelChange.class);
    Labels labels = c.labels();
    try {
      if (change.set() != null) {
        labels = labels.with(new Labels(change.set()));
      }
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    for (String key : change.remove() == null ? List.<String>of() : change.remove()) {
      labels = labels.without(key);
    }
    store.clusters().setLabels(c.id(), labels);
    store
        .audit()
        .record(clock.instant(), "admin:" + who.id(), "cluster.label", c.name(), labels.toString());
    labelsChanged.accept(c.id());
    ex.respondJson(200, viewOf(c.id()));
  }

  private void revokeCluster(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    ClusterRecord c = cluster(ex.pathParam("name"));
    store.clusters().revoke(c.id());
    store
        .audit()
        .record(clock.instant(), "admin:" + who.id(), "cluster.revoke", c.name(), c.id().value());
    revoked.accept(c.id());
    ex.respondJson(200, viewOf(c.id()));
  }

  /** The cluster as stored now, viewed from its own assignments and reports. */
  private AdminViews.ClusterView viewOf(ClusterId id) {
    FleetReader reader = reader();
    ClusterRecord c = reader.fresh(store.clusters().get(id).orElseThrow());
    return reader.of(c).cluster(c);
  }

  /** Every bundle with its counts over the fleet, counted by the database. */
  private void listBundles(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    BundleTotals totals = reader().bundleTotals(null);
    ex.respondJson(200, store.bundles().list().stream().map(totals::view).toList());
  }

  /**
   * A bundle with its counts over the whole fleet and one page of its clusters in name order, paged
   * like {@code GET /v1/admin/clusters}; the next page's token in {@code Flotilla-Continue}.
   */
  private void getBundle(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    String name = ex.pathParam("name");
    BundleRecord b =
        store
            .bundles()
            .get(name)
            .orElseThrow(() -> HttpError.notFound("no bundle named '" + name + "'"));
    PageRequest req = pageRequest(ex);
    FleetReader reader = reader();
    Page<AdminViews.ClusterBundle> page =
        reader.page(
            req,
            c -> true,
            (status, c) ->
                status.bundlesOf(c.id()).stream()
                    .filter(row -> row.bundle().equals(name))
                    .findFirst());
    page.next().ifPresent(t -> ex.header(PageRequest.CONTINUE_HEADER, t));
    ex.respondJson(
        200, new AdminViews.BundleDetail(reader.bundleTotals(name).view(b), page.items()));
  }

  private void listTokens(Exchange ex) {
    auth.require(ex, Role.ADMIN);
    ex.respondJson(200, store.tokens().list().stream().map(AdminEndpoints::view).toList());
  }

  private void createToken(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    CreateToken req = ex.json(CreateToken.class);
    TokenIssuer.Issued issued;
    try {
      issued =
          issuer.bootstrap(
              new Labels(req.labels() == null ? Map.of() : req.labels()),
              req.uses() == null ? OptionalInt.empty() : OptionalInt.of(req.uses()),
              req.ttl() == null || req.ttl().isBlank()
                  ? Optional.empty()
                  : Optional.of(DurationText.parse(req.ttl())),
              req.description());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    store
        .audit()
        .record(clock.instant(), "admin:" + who.id(), "token.create", issued.token().id(), "");
    ex.respondJson(201, new CreatedToken(issued.token().encoded(), view(issued.record())));
  }

  private void revokeToken(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    String id = ex.pathParam("id");
    if (!store.tokens().revoke(id)) {
      throw HttpError.notFound("no bootstrap token with id '" + id + "'");
    }
    store.audit().record(clock.instant(), "admin:" + who.id(), "token.revoke", id, "");
    ex.respondJson(200, view(store.tokens().get(id).orElseThrow()));
  }

  private void listAdminTokens(Exchange ex) {
    auth.require(ex, Role.ADMIN);
    ex.respondJson(200, store.tokens().listAdmin().stream().map(AdminEndpoints::view).toList());
  }

  private void createAdminToken(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    CreateAdminToken req = ex.json(CreateAdminToken.class);
    Role role = AdminRoles.parse(req.role());
    String token = issuer.admin(role, req.description() == null ? "" : req.description());
    String id = token.split("\\.")[1];
    store
        .audit()
        .record(clock.instant(), "admin:" + who.id(), "admin-token.create", id, role.name());
    ex.respondJson(
        201, new CreatedAdminToken(token, view(store.tokens().adminById(id).orElseThrow())));
  }

  private void revokeAdminToken(Exchange ex) {
    AdminTokenRecord who = auth.require(ex, Role.ADMIN);
    String id = ex.pathParam("id");
    if (!store.tokens().revokeAdmin(id)) {
      throw HttpError.notFound("no admin token with id '" + id + "'");
    }
    store.audit().record(clock.instant(), "admin:" + who.id(), "admin-token.revoke", id, "");
    ex.respondJson(200, view(store.tokens().adminById(id).orElseThrow()));
  }

  static AdminTokenView view(AdminTokenRecord t) {
    return new AdminTokenView(
        t.id(),
        t.role().name().toLowerCase(java.util.Locale.ROOT),
        t.createdAt(),
        t.revoked(),
        t.description());
  }

  private void fleet(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    ex.respondJson(200, reader().tally().summary(store.bundles().list()));
  }

  private void audit(Exchange ex) {
    auth.require(ex, Role.ADMIN);
    ex.respondJson(200, store.audit().recent(200));
  }

  private ClusterRecord cluster(String name) {
    return store
        .clusters()
        .byName(name)
        .map(reader()::fresh)
        .orElseThrow(() -> HttpError.notFound("no cluster named '" + name + "'"));
  }

  private static PageRequest pageRequest(Exchange ex) {
    try {
      return PageRequest.parse(ex.query("limit"), ex.query("continue"));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  private static void respondPage(Exchange ex, Page<?> page) {
    page.next().ifPresent(t -> ex.header(PageRequest.CONTINUE_HEADER, t));
    ex.respondJson(200, page.items());
  }

  private static LabelSelector selector(Exchange ex) {
    try {
      return ex.query("selector").map(LabelSelector::parse).orElse(LabelSelector.EVERYTHING);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  static TokenView view(TokenRecord t) {
    return new TokenView(
        t.id(),
        t.labels().map(),
        t.usesLeft().isPresent() ? t.usesLeft().getAsInt() : null,
        t.expiresAt().orElse(null),
        t.createdAt(),
        t.revoked(),
        t.description());
  }
}
