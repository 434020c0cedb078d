import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.ClusterVars;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.RenderRequest;
import dev.flotilla.render.RenderStats;
import dev.flotilla.render.bundle.BundleFinder;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.kustomize.Kustomizer;
import dev.flotilla.render.yaml.YamlLimits;
import dev.flotilla.render.yaml.YamlReader;
import dev.flotilla.render.yaml.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Render benchmark (run by bench/render.sh). Figure 1: time per render of the conformance inputs,
 * in-process versus `kubectl kustomize`, and the ratio. Figure 2: 10,000 clusters x 20 bundles with
 * 200 distinct overlay combinations through the caching bundle renderer: renders and total time.
 */
public class RenderBench {
  public static void main(String[] args) throws Exception {
    Path cases = Path.of(args.length > 0 ? args[0] : "render/src/test/resources/kustomize");
    List<Path[]> inputs = new ArrayList<>();
    try (var s = Files.list(cases)) {
      for (Path c : s.filter(Files::isDirectory).sorted().toList()) {
        Path build = Files.exists(c.resolve("BUILD_DIR")) ? c.resolve(Files.readString(c.resolve("BUILD_DIR")).strip()) : c;
        inputs.add(new Path[] {c, build});
      }
    }
    Kustomizer k = new Kustomizer(YamlLimits.DEFAULT);
    for (int i = 0; i < 20; i++) {
      for (Path[] in : inputs) {
        YamlWriter.documents(k.build(in[0], in[1]));
      }
    }
    int rounds = 50;
    long t0 = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      for (Path[] in : inputs) {
        YamlWriter.documents(k.build(in[0], in[1]));
      }
    }
    double inProcessMs = (System.nanoTime() - t0) / 1e6 / (rounds * inputs.size());
    double kubectlMs = Double.NaN;
    if (onPath("kubectl")) {
      int kRounds = 2;
      long t1 = System.nanoTime();
      for (int i = 0; i < kRounds; i++) {
        for (Path[] in : inputs) {
          Process p = new ProcessBuilder("kubectl", "kustomize", in[1].toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
          p.waitFor(60, TimeUnit.SECONDS);
        }
      }
      kubectlMs = (System.nanoTime() - t1) / 1e6 / (kRounds * inputs.size());
    }
    System.out.printf("inputs: %d conformance cases%n", inputs.size());
    System.out.printf("in-process: %.3f ms per render (%d renders)%n", inProcessMs, rounds * inputs.size());
    if (Double.isNaN(kubectlMs)) {
      System.out.println("kubectl kustomize: not on PATH, skipped");
    } else {
      System.out.printf("kubectl kustomize: %.3f ms per render%n", kubectlMs);
      System.out.printf("ratio: %.1fx faster in-process%n", kubectlMs / inProcessMs);
    }
    fleet();
  }

  static void fleet() throws Exception {
    Path repo = Files.createTempDirectory("flotilla-bench-");
    List<String> regions = List.of("eu-west", "eu-north", "us-east", "us-west", "ap-south");
    List<String> models = List.of("rpi4", "nuc");
    for (int b = 0; b < 20; b++) {
      Path dir = repo.resolve("bundles/app" + b);
      write(dir.resolve("bundle.yaml"), "namespace: app" + b + "\nrender: {kustomize: base}\noverlays:\n- overlays/region/${region}\n- overlays/model/${model}\ntargets:\n- selector: {}\n");
      write(dir.resolve("base/kustomization.yaml"), "namePrefix: app" + b + "-\ncommonLabels: {app: app" + b + "}\nresources: [deploy.yaml, svc.yaml]\nconfigMapGenerator:\n- name: cfg\n  literals: [BUNDLE=app" + b + "]\n");
      write(dir.resolve("base/deploy.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {x: y}}\n  template:\n    metadata: {labels: {x: y}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        envFrom: [{configMapRef: {name: cfg}}]\n");
      write(dir.resolve("base/svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n");
      for (String r : regions) {
        write(dir.resolve("overlays/region/" + r + "/kustomization.yaml"), "kind: Component\ncommonAnnotations: {region: " + r + "}\n");
      }
      for (String m : models) {
        write(dir.resolve("overlays/model/" + m + "/kustomization.yaml"), "kind: Component\npatches:\n- target: {kind: Deployment}\n  patch: |-\n    - op: add\n      path: /spec/template/spec/nodeSelector\n      value: {model: " + m + "}\n");
      }
    }
    List<BundleSpec> bundles = new BundleFinder(new BundleSpecParser(YamlReader.withDefaults())).all(repo);
    KustomizeBundleRenderer renderer = KustomizeBundleRenderer.withDefaults();
    Random random = new Random(7);
    List<ClusterVars> clusters = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      clusters.add(new ClusterVars("edge-" + i, new ClusterId("c" + i),
          Labels.of("region", regions.get(random.nextInt(regions.size())), "model", models.get(random.nextInt(models.size())))));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (BundleSpec b : bundles) {
      for (ClusterVars c : clusters) {
        futures.add(pool.submit(() -> renderer.render(new RenderRequest(repo, new Revision("bench"), b, c))));
      }
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    RenderStats s = renderer.stats();
    System.out.printf("fleet: %d clusters x %d bundles = %d cluster-bundle renders requested%n", clusters.size(), bundles.size(), futures.size());
    System.out.printf("fleet: %d kustomize builds, %d substitutions, %d cache hits, total %.2f s%n", s.baseRenders(), s.substitutions(), s.hits(), seconds);
  }

  static void write(Path p, String content) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
