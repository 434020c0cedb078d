package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.hub.store.AuditLog;
import dev.flotilla.protocol.pki.BootstrapToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every admin route against every kind of caller: no token, a malformed or revoked one, and the
 * three roles; and every mutating call in the audit log. The table must cover every admin route the
 * hub registers, so a new route cannot slip in without a role.
 */
class AdminApiAuthorizationIT {
  /** One admin route: how to call it, the least role it needs, the audit action it writes. */
  record Route(
      String method,
      String pattern,
      Supplier<String> path,
      String body,
      Role needs,
      String audit) {}

  @TempDir Path dir;
  SecureHub hub;
  Map<String, Route> table;
  int counter;

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir);
    hub.register("known", "a");
    table = new LinkedHashMap<>();
    add("GET", "/v1/admin/clusters", () -> "/v1/admin/clusters", null, Role.VIEWER, null);
    add(
        "GET",
        "/v1/admin/clusters/{name}",
        () -> "/v1/admin/clusters/known",
        null,
        Role.VIEWER,
        null);
    add(
        "POST",
        "/v1/admin/clusters/{name}/labels",
        () -> "/v1/admin/clusters/known/labels",
        "{\"set\": {\"canary\": \"true\"}}",
        Role.OPERATOR,
        "cluster.label");
    add(
        "POST",
        "/v1/admin/clusters/{name}/revoke",
        () -> "/v1/admin/clusters/" + hub.register("victim-" + (++counter), "b").name() + "/revoke",
        "{}",
        Role.ADMIN,
        "cluster.revoke");
    add("GET", "/v1/admin/bundles", () -> "/v1/admin/bundles", null, Role.VIEWER, null);
    add(
        "GET",
        "/v1/admin/bundles/{name}",
        () -> "/v1/admin/bundles/app-a",
        null,
        Role.VIEWER,
        null);
    add("GET", "/v1/admin/tokens", () -> "/v1/admin/tokens", null, Role.ADMIN, null);
    add(
        "POST",
        "/v1/admin/tokens",
        () -> "/v1/admin/tokens",
        "{\"uses\": 1}",
        Role.ADMIN,
        "token.create");
    add(
        "DELETE",
        "/v1/admin/tokens/{id}",
        () -> "/v1/admin/tokens/" + BootstrapToken.parse(hub.bootstrapToken(1, "1h")).id(),
        null,
        Role.ADMIN,
        "token.revoke");
    add("GET", "/v1/admin/admin-tokens", () -> "/v1/admin/admin-tokens", null, Role.ADMIN, null);
    add(
        "POST",
        "/v1/admin/admin-tokens",
        () -> "/v1/admin/admin-tokens",
        "{\"role\": \"viewer\"}",
        Role.ADMIN,
        "admin-token.create");
    add(
        "DELETE",
        "/v1/admin/admin-tokens/{id}",
        () -> "/v1/admin/admin-tokens/" + hub.adminToken(Role.VIEWER).split("\\.")[1],
        null,
        Role.ADMIN,
        "admin-token.revoke");
    add("GET", "/v1/admin/sources", () -> "/v1/admin/sources", null, Role.VIEWER, null);
    add(
        "POST",
        "/v1/admin/sources",
        () -> {
          hub.hub.store().sources().remove("extra");
          return "/v1/admin/sources";
        },
        "{\"name\": \"extra\", \"url\": \"file:///nonexistent/repo\", \"branch\": \"main\"}",
        Role.ADMIN,
        "source.add");
    add(
        "GET",
        "/v1/admin/sources/{name}",
        () -> {
          hub.hub.store().sources().upsert("extra", "file:///x", "main", "");
          return "/v1/admin/sources/extra";
        },
        null,
        Role.VIEWER,
        null);
    add(
        "DELETE",
        "/v1/admin/sources/{name}",
        () -> {
          hub.hub.store().sources().upsert("doomed-" + (++counter), "file:///x", "main", "");
          return "/v1/admin/sources/doomed-" + counter;
        },
        null,
        Role.ADMIN,
        "source.remove");
    add("GET", "/v1/admin/fleet", () -> "/v1/admin/fleet", null, Role.VIEWER, null);
    add("GET", "/v1/admin/audit", () -> "/v1/admin/audit", null, Role.ADMIN, null);
    add("GET", "/v1/admin/rollouts", () -> "/v1/admin/rollouts", null, Role.VIEWER, null);
  }

  /** Per-bundle rollout routes: whether they succeed depends on the rollout's state. */
  private static final List<String> ROLLOUT_ROUTES =
      List.of(
          "GET /v1/admin/rollouts/{bundle}",
          "GET /v1/admin/rollouts/{bundle}/history",
          "POST /v1/admin/rollouts/{bundle}/pause",
          "POST /v1/admin/rollouts/{bundle}/resume",
          "POST /v1/admin/rollouts/{bundle}/promote",
          "POST /v1/admin/rollouts/{bundle}/rollback");

  private void add(
      String method, String pattern, Supplier<String> path, String body, Role needs, String audit) {
    table.put(method + " " + pattern, new Route(method, pattern, path, body, needs, audit));
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void theTableCoversEveryAdminRouteTheHubServes() {
    List<String> served = hub.hub.routes().stream().filter(r -> r.contains(" /v1/admin/")).toList();

    List<String> covered = new ArrayList<>(table.keySet());
    covered.addAll(ROLLOUT_ROUTES);
    assertThat(covered).containsExactlyInAnyOrderElementsOf(served);
  }

  /**
   * The per-bundle rollout routes refuse anonymous callers and the roles below theirs; the roles
   * that may call them get past authorization (to an answer or a 409 about the rollout's state).
   * RolloutEndpointsIT covers their answers and audit entries.
   */
  @Test
  void rolloutRoutesEnforceTheirRoles() {
    Map<Role, String> tokens = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      tokens.put(role, hub.adminToken(role));
    }
    List<String> wrong = new ArrayList<>();
    for (String route : ROLLOUT_ROUTES) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replace("{bundle}", "app-a");
      Role needs = method.equals("GET") ? Role.VIEWER : Role.OPERATOR;
      String body = method.equals("POST") ? "{}" : null;
      int anonymous = hub.admin(method, path, null, body).statusCode();
      if (anonymous != 401) {
        wrong.add(route + " anonymous -> " + anonymous);
      }
      for (Role role : Role.values()) {
        HttpResponse<byte[]> resp = hub.admin(method, path, tokens.get(role), body);
        boolean allowed = role.allows(needs);
        boolean ok =
            allowed
                ? resp.statusCode() != 401 && resp.statusCode() != 403 && resp.statusCode() < 500
                : resp.statusCode() == 403 && SecureHub.errorCode(resp).equals("forbidden");
        if (!ok) {
          wrong.add(
              route + " as " + role + " -> " + resp.statusCode() + " " + SecureHub.text(resp));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyRouteRefusesCallersWithoutAValidToken() {
    String revoked = hub.adminToken(Role.ADMIN);
    hub.hub.store().tokens().revokeAdmin(revoked.split("\\.")[1]);
    String wrongSecret = revoked.substring(0, revoked.lastIndexOf('.') + 1) + "a".repeat(32);
    for (Route r : table.values()) {
      for (String token :
          new String[] {null, "garbage", "flta.zzzzzz." + "b".repeat(32), revoked, wrongSecret}) {
        HttpResponse<byte[]> resp = hub.admin(r.method(), r.path().get(), token, r.body());
        assertThat(resp.statusCode())
            .as(r.method() + " " + r.pattern() + " with " + token)
            .isEqualTo(401);
        assertThat(SecureHub.errorCode(resp)).isEqualTo("unauthorized");
      }
    }
  }

  @Test
  void everyRouteEnforcesItsRole() {
    Map<Role, String> tokens = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      tokens.put(role, hub.adminToken(role));
    }
    List<String> wrong = new ArrayList<>();
    for (Route r : table.values()) {
      for (Role role : Role.values()) {
        HttpResponse<byte[]> resp =
            hub.admin(r.method(), r.path().get(), tokens.get(role), r.body());
        boolean allowed = role.allows(r.needs());
        boolean ok =
            allowed
                ? resp.statusCode() >= 200 && resp.statusCode() < 300
                : resp.statusCode() == 403 && SecureHub.errorCode(resp).equals("forbidden");
        if (!ok) {
          wrong.add(
              r.method()
                  + " "
                  + r.pattern()
                  + " as "
                  + role
                  + " -> "
                  + resp.statusCode()
                  + " "
                  + SecureHub.text(resp));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everyMutatingCallIsInTheAuditLog() {
    String operator = hub.adminToken(Role.ADMIN);
    String operatorId = operator.split("\\.")[1];
    for (Route r : table.values()) {
      if (r.method().equals("GET")) {
        assertThat(r.audit()).isNull();
        continue;
      }
      assertThat(r.audit()).as(r.pattern() + " must name its audit action").isNotNull();
      String path = r.path().get();
      int before = hub.hub.store().audit().recent(10_000).size();

      HttpResponse<byte[]> resp = hub.admin(r.method(), path, operator, r.body());

      assertThat(resp.statusCode()).as(r.pattern()).isBetween(200, 299);
      List<AuditLog.Entry> after = hub.hub.store().audit().recent(10_000);
      assertThat(after).as(r.method() + " " + r.pattern()).hasSize(before + 1);
      AuditLog.Entry e = after.get(0);
      assertThat(e.action()).isEqualTo(r.audit());
      assertThat(e.actor()).isEqualTo("admin:" + operatorId);
    }
  }

  @Test
  void aRefusedCallChangesNothingAndIsNotAudited() {
    String viewer = hub.adminToken(Role.VIEWER);
    int before = hub.hub.store().audit().recent(10_000).size();

    hub.admin("POST", "/v1/admin/clusters/known/revoke", viewer, "{}");
    hub.admin("POST", "/v1/admin/tokens", viewer, "{}");

    assertThat(hub.hub.store().audit().recent(10_000)).hasSize(before);
    assertThat(hub.hub.store().clusters().byName("known").orElseThrow().revoked()).isFalse();
  }
}
