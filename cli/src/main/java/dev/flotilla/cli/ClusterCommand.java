package dev.flotilla.cli;

import dev.flotilla.cli.ErrorHandler.UsageError;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.AdminViews.ClusterDetail;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.Event;
import dev.flotilla.hub.admin.AdminViews.LabelChange;
import dev.flotilla.hub.admin.Page;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.protocol.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla cluster list|get|label|revoke}. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Inspect and manage registered clusters.",
    subcommands = {
      ClusterCommand.ListClusters.class,
      ClusterCommand.Get.class,
      ClusterCommand.Label.class,
      ClusterCommand.Revoke.class
    })
final class ClusterCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List clusters, optionally by label selector.")
  static final class ListClusters implements Runnable {
    @Mixin AdminOptions admin;
    @Mixin OutputOption output;

    @Option(
        names = {"-l", "--selector"},
        description = "label selector, e.g. region=eu-west,model in (rpi4)")
    String selector;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description =
            "print one page of at most N clusters (the hub caps N at 5000) and, when there are"
                + " more, the token of the next page on stderr; default: every page")
    Integer limit;

    @Option(
        names = "--continue",
        paramLabel = "TOKEN",
        description = "start after the page that printed TOKEN")
    String continueToken;

    @Override
    public void run() {
      if (limit != null && limit < 1) {
        throw new UsageError("--limit must be a positive number, not " + limit);
      }
      List<String> query = new ArrayList<>();
      if (selector != null) {
        LabelSelector.parse(selector);
        query.add("selector=" + AdminClient.encode(selector));
      }
      if (limit != null) {
        query.add("limit=" + limit);
      }
      String path = "/v1/admin/clusters" + (query.isEmpty() ? "" : "?" + String.join("&", query));
      Optional<String> from = Optional.ofNullable(continueToken).filter(t -> !t.isEmpty());
      String first = AdminClient.continued(path, from);
      try (AdminClient c = admin.client()) {
        if (limit == null) {
          output.show(
              () -> c.getAllRaw(first, null), () -> table(c.getAll(first, ClusterView.class)));
          return;
        }
        Page<ClusterView> page = c.getPage(first, ClusterView.class);
        output.show(() -> Json.write(page.items()), () -> table(page.items()));
        // stderr, so scripts that read the table or the JSON are not disturbed
        page.next().ifPresent(t -> System.err.println("continue: " + t));
      }
    }

    private void table(List<ClusterView> clusters) {
      Instant now = Instant.now();
      List<List<String>> rows = new ArrayList<>();
      for (ClusterView v : clusters) {
        List<String> row =
            new ArrayList<>(
                List.of(
                    v.name(),
                    v.revoked() ? "Revoked" : v.online() ? "Online" : "Offline",
                    v.bundles().ready() + "/" + (v.bundles().total() - v.bundles().notAdmitted()),
                    v.synced() ? "Synced" : v.bundles().failed() > 0 ? "Failed" : "Pending",
                    Output.age(v.lastSeen(), now),
                    Output.age(v.createdAt(), now)));
        if (output.wide()) {
          row.add(v.facts() == null ? "" : v.facts().kubernetesVersion());
          row.add(v.facts() == null ? "" : v.facts().arch());
          row.add(Output.labels(v.labels()));
        }
        rows.add(row);
      }
      List<String> headers =
          new ArrayList<>(List.of("NAME", "STATUS", "READY", "SYNC", "LAST-SEEN", "AGE"));
      if (output.wide()) {
        headers.addAll(List.of("VERSION", "ARCH", "LABELS"));
      }
      Output.table(headers, rows, System.out);
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Show one cluster: labels, facts, bundles, events.")
  static final class Get implements Runnable {
    @Mixin AdminOptions admin;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public void run() {
      String path = "/v1/admin/clusters/" + AdminClient.encode(name);
      try (AdminClient c = admin.client()) {
        output.show(c, path, () -> describe(c.get(path, ClusterDetail.class)));
      }
    }

    private static void describe(ClusterDetail d) {
      ClusterView v = d.cluster();
      System.out.println("Name:      " + v.name());
      System.out.println("ID:        " + v.id());
      System.out.println(
          "Status:    " + (v.revoked() ? "Revoked" : v.online() ? "Online" : "Offline"));
      System.out.println("Labels:    " + Output.labels(v.labels()));
      if (v.facts() != null) {
        System.out.println(
            "Facts:     arch="
                + v.facts().arch()
                + " memory="
                + v.facts().memoryMiB()
                + "Mi version="
                + v.facts().kubernetesVersion()
                + " distro="
                + v.facts().distro()
                + " nodes="
                + v.facts().nodes());
      }
      System.out.println("Last seen: " + v.lastSeen());
      System.out.println();
      OutputOption.bundleTable("BUNDLE", d.bundles(), ClusterBundle::bundle);
      if (!d.events().isEmpty()) {
        System.out.println();
        List<List<String>> ev = new ArrayList<>();
        for (Event e : d.events()) {
          ev.add(
              List.of(
                  String.valueOf(e.seq()),
                  String.valueOf(e.at()),
                  e.bundle(),
                  e.type(),
                  e.message()));
        }
        Output.table(List.of("SEQ", "TIME", "BUNDLE", "TYPE", "MESSAGE"), ev, System.out);
      }
    }
  }

  @Command(
      name = "label",
      mixinStandardHelpOptions = true,
      description = "Set (k=v) or remove (k-) labels on a cluster, as kubectl label does.")
  static final class Label implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "k=v|k-")
    List<String> changes;

    @Override
    public void run() {
      Map<String, String> set = new LinkedHashMap<>();
      List<String> remove = new ArrayList<>();
      for (String ch : changes) {
        if (ch.endsWith("-") && !ch.contains("=")) {
          remove.add(ch.substring(0, ch.length() - 1));
        } else if (ch.contains("=")) {
          set.put(ch.substring(0, ch.indexOf('=')), ch.substring(ch.indexOf('=') + 1));
        } else {
          throw new UsageError("'" + ch + "' is neither k=v (set) nor k- (remove)");
        }
      }
      try (AdminClient c = admin.client()) {
        ClusterView v =
            c.post(
                "/v1/admin/clusters/" + AdminClient.encode(name) + "/labels",
                new LabelChange(set, remove),
                ClusterView.class);
        System.out.println("cluster " + v.name() + " labeled: " + Output.labels(v.labels()));
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Cut a cluster off at its next request (a stolen device).")
  static final class Revoke implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public void run() {
      try (AdminClient c = admin.client()) {
        c.post(
            "/v1/admin/clusters/" + AdminClient.encode(name) + "/revoke",
            Map.of(),
            ClusterView.class);
        System.out.println("cluster " + name + " revoked");
      }
    }
  }
}
