package dev.flotilla.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.PageRequest;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.render.KustomizeBundleRenderer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/admin/clusters} pages over real HTTPS: the body stays a bare array, the next
 * page's token comes in {@code Flotilla-Continue}, a bad {@code limit} or {@code continue} is a 400
 * that names it.
 */
class AdminPagingIT {
  static final int CLUSTERS = 1_100;

  @TempDir Path dir;
  Hub hub;
  AdminHttp admin;

  @BeforeEach
  void start() throws Exception {
    hub =
        Hub.start(
            HubConfig.defaults(dir, new InetSocketAddress("127.0.0.1", 0)),
            KustomizeBundleRenderer.withDefaults(),
            Clock.systemUTC());
    admin = new AdminHttp(hub.adminConf());
    Instant now = Instant.now();
    List<ClusterRecord> clusters = new ArrayList<>();
    for (int i = 0; i < CLUSTERS; i++) {
      clusters.add(
          new ClusterRecord(
              ClusterId.random(),
              String.format("edge-%04d", i),
              Labels.of("region", i % 3 == 0 ? "eu" : "us"),
              Facts.UNKNOWN,
              now,
              now,
              false,
              "1",
              now.plusSeconds(3600),
              "",
              0,
              0));
    }
    hub.store().clusters().insertAll(clusters);
  }

  @AfterEach
  void stop() {
    admin.close();
    hub.close();
  }

  static List<ClusterView> views(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return List.of(
        Json.read(r.body().getBytes(StandardCharsets.UTF_8), ClusterView[].class, "clusters"));
  }

  @Test
  void withoutALimitTheFirstPageIsTheDefaultSizeAndSaysWhereToContinue() {
    HttpResponse<String> r = admin.get("/v1/admin/clusters");
    assertThat(r.body()).startsWith("[");
    assertThat(views(r)).hasSize(PageRequest.DEFAULT_LIMIT);
    assertThat(r.headers().firstValue(PageRequest.CONTINUE_HEADER)).isPresent();
  }

  @Test
  void followingTheTokenWithASelectorListsEveryMatchingClusterOnceInNameOrder() {
    List<String> names = new ArrayList<>();
    String path = "/v1/admin/clusters?selector=region%3Deu&limit=100";
    int pages = 0;
    while (true) {
      HttpResponse<String> r = admin.get(path);
      List<ClusterView> page = views(r);
      assertThat(page)
          .hasSizeLessThanOrEqualTo(100)
          .allMatch(v -> v.labels().get("region").equals("eu"));
      page.forEach(v -> names.add(v.name()));
      pages++;
      var next = r.headers().firstValue(PageRequest.CONTINUE_HEADER);
      if (next.isEmpty()) {
        break;
      }
      path = "/v1/admin/clusters?selector=region%3Deu&limit=100&continue=" + next.get();
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < CLUSTERS; i += 3) {
      expected.add(String.format("edge-%04d", i));
    }
    assertThat(names).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void aBadLimitOrContinueIsA400NamingIt() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "limit=0", "'limit'",
                "limit=many", "'limit'",
                "continue=not-a-token", "'continue'")
            .entrySet()) {
      HttpResponse<String> r = admin.get("/v1/admin/clusters?" + bad.getKey());
      assertThat(r.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(r.body()).as(bad.getKey()).contains(bad.getValue());
    }
    HttpResponse<String> r = admin.get("/v1/admin/bundles/nope?limit=0");
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void theFleetSummaryCountsEveryClusterAcrossChunks() {
    HttpResponse<String> r = admin.get("/v1/admin/fleet");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.read(r.body().getBytes(StandardCharsets.UTF_8), Map.class, "fleet"))
        .containsEntry("clusters", CLUSTERS)
        .containsEntry("online", CLUSTERS);
  }
}
