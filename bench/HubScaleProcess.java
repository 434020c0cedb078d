import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** `flotilla hub` as a child process, its log in a file. */
final class HubScaleProcess {
  static final Pattern UPDATED = Pattern.compile("desired state updated: (\\d+) cluster document");

  final Process process;
  final Path data;
  final Path log;
  final int port;
  final long started = System.nanoTime();
  String lastUpdate = "";

  private HubScaleProcess(Process process, Path data, Path log, int port) {
    this.process = process;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  static HubScaleProcess start(String jar, String xmx, Path data, GitRepo repo) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (!xmx.isEmpty()) {
      cmd.add("-Xmx" + xmx);
    }
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar, "hub",
        "--data-dir", data.toString(), "--listen", "127.0.0.1:" + port,
        "--source", repo.url(), "--path", "fleet", "--source-interval", "1s",
        "--poll-interval", "300s", "--offline-after", "15m"));
    Path log = data.resolve("hub-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new HubScaleProcess(p, data, log, port);
  }

  String url() {
    return "https://127.0.0.1:" + port;
  }

  /** Seconds from process start until /healthz answers 200. */
  double awaitHealthy() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
    while (true) {
      check();
      try {
        HttpResponse<Void> r = client.send(
            HttpRequest.newBuilder(URI.create(url() + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return HubScaleBench.secs(started);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
  }

  /** Seconds from process start until the log has {@code count} "desired state updated" lines. */
  double awaitUpdated(int count) throws Exception {
    while (true) {
      check();
      Matcher m = UPDATED.matcher(Files.readString(log));
      int seen = 0;
      while (m.find()) {
        seen++;
        if (seen == count) {
          lastUpdate = m.group(1) + " documents changed";
          return HubScaleBench.secs(started);
        }
      }
      Thread.sleep(100);
    }
  }

  String lastUpdate() {
    return lastUpdate;
  }

  /** User + system CPU time of the hub process so far. */
  long cpuMillis() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    return ticks * 10; // USER_HZ = 100
  }

  long rssMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  void check() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("the hub exited with " + process.exitValue() + ":\n"
          + Files.readString(log));
    }
  }

  void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Trusts the hub's self-signed certificate for /healthz (nothing is sent). */
  static SSLContext trustAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    }}, null);
    return ctx;
  }
}
