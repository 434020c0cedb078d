package dev.flotilla.cli;

import dev.flotilla.hub.admin.AdminViews.BundleDetail;
import dev.flotilla.hub.admin.AdminViews.BundleView;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code flotilla bundle list|status NAME}. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = "Inspect bundles and where they stand on each cluster.",
    subcommands = {BundleCommand.ListBundles.class, BundleCommand.Status.class})
final class BundleCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List bundles with their revision and counts.")
  static final class ListBundles implements Runnable {
    @Mixin AdminOptions admin;
    @Mixin OutputOption output;

    @Override
    public void run() {
      String path = "/v1/admin/bundles";
      try (AdminClient c = admin.client()) {
        output.show(
            c,
            path,
            () -> {
              List<List<String>> rows = new ArrayList<>();
              for (BundleView b : c.getList(path, BundleView.class)) {
                rows.add(
                    List.of(
                        b.name(),
                        Output.shortRev(b.revision()),
                        b.ready() + "/" + (b.targeted() - b.notAdmitted()),
                        String.valueOf(b.pending()),
                        String.valueOf(b.failed()),
                        String.valueOf(b.notAdmitted()),
                        b.error()));
              }
              Output.table(
                  List.of(
                      "NAME", "REVISION", "READY", "PENDING", "FAILED", "NOT-ADMITTED", "ERROR"),
                  rows,
                  System.out);
            });
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show a bundle's state on every targeted cluster.")
  static final class Status implements Runnable {
    @Mixin AdminOptions admin;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public void run() {
      String path = "/v1/admin/bundles/" + AdminClient.encode(name);
      try (AdminClient c = admin.client()) {
        output.show(
            () -> c.getAllRaw(path, "clusters"),
            () -> {
              BundleDetail d = c.bundleDetail(name);
              BundleView b = d.bundle();
              System.out.println(
                  "Bundle:   " + b.name() + " (" + b.path() + ", source " + b.source() + ")");
              System.out.println("Revision: " + b.revision());
              if (!b.error().isEmpty()) {
                System.out.println("Error:    " + b.error());
              }
              System.out.println(
                  "Clusters: "
                      + b.ready()
                      + " ready, "
                      + b.pending()
                      + " pending, "
                      + b.failed()
                      + " failed, "
                      + b.notAdmitted()
                      + " not admitted");
              System.out.println();
              OutputOption.bundleTable("CLUSTER", d.clusters(), ClusterBundle::cluster);
            });
      }
    }
  }
}
