package dev.flotilla.hub.source;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A Git smart-HTTP server over HTTPS (Jetty with JGit's GitServlet), like a GitLab or Gitea behind
 * TLS, that serves one repository at {@code /git/fleet.git} only to requests with basic auth {@code
 * user:token}.
 */
final class HttpsGitServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  HttpsGitServer(
      Path gitDir,
      String user,
      String token,
      X509Certificate ca,
      X509Certificate cert,
      PrivateKey key)
      throws Exception {
    server = new Server();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("git", key, new char[0], new X509Certificate[] {cert, ca});
    ssl.setKeyStore(ks);
    ssl.setKeyStorePassword("");
    HttpConfiguration http = new HttpConfiguration();
    SecureRequestCustomizer src = new SecureRequestCustomizer();
    src.setSniHostCheck(false);
    http.addCustomizer(src);
    connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(
        (req, name) -> {
          if (!name.equals("fleet.git")) {
            throw new RepositoryNotFoundException(name);
          }
          try {
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
          } catch (java.io.IOException e) {
            throw new RepositoryNotFoundException(name, e);
          }
        });
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(git), "/git/*");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    Filter auth =
        (request, response, chain) -> {
          HttpServletRequest req = (HttpServletRequest) request;
          if (!expected.equals(req.getHeader("Authorization"))) {
            HttpServletResponse res = (HttpServletResponse) response;
            res.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            res.sendError(401);
            return;
          }
          chain.doFilter(request, response);
        };
    context.addFilter(
        new FilterHolder(auth), "/*", EnumSet.allOf(jakarta.servlet.DispatcherType.class));
    server.setHandler(context);
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + connector.getLocalPort() + "/git/fleet.git";
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
