package dev.flotilla.hub.http;

import dev.flotilla.protocol.pki.TlsContexts;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.Executors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty server on TLS 1.3 that asks for (but does not require) a client certificate signed by the
 * hub CA: registration works without one, every other agent call checks it.
 */
public final class HttpsServer implements AutoCloseable {
  /** Slowest request body accepted, averaged over the request. */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

  /** Client certificate chains remembered as validated (~100 bytes each). */
  static final int VALIDATED_CHAINS = 200_000;

  private final Server server;
  private final ServerConnector connector;

  public HttpsServer(
      InetSocketAddress listen,
      X509Certificate ca,
      X509Certificate serverCert,
      PrivateKey serverKey,
      Handler handler) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("hub-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);

    SslContextFactory.Server ssl =
        new SslContextFactory.Server() {
          @Override
          protected TrustManager[] getTrustManagers(
              KeyStore trustStore, Collection<? extends CRL> crls) throws Exception {
            return rememberValidatedChains(super.getTrustManagers(trustStore, crls));
          }
        };
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("hub", serverKey, new char[0], new X509Certificate[] {serverCert, ca});
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("flotilla-ca", ca);
      ssl.setKeyStore(ks);
      ssl.setKeyStorePassword("");
      ssl.setTrustStore(ts);
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the hub's TLS keys", e);
    }
    ssl.setIncludeProtocols(TlsContexts.PROTOCOLS);
    // the default NativePRNG serializes every handshake on one lock: at a few hundred new
    // connections a second (a fleet reconnecting) that lock, not the CPU, was the limit
    ssl.setSecureRandomAlgorithm("DRBG");
    ssl.setWantClientAuth(true);
    ssl.setEndpointIdentificationAlgorithm(null);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(16 * 1024);
    // a body trickled in to hold a request open (slowloris) fails instead of waiting for the
    // idle timeout, which is long because long-polls need it
    http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
    SecureRequestCustomizer src = new SecureRequestCustomizer();
    src.setSniHostCheck(false);
    http.addCustomizer(src);

    connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost(listen.getHostString());
    connector.setPort(listen.getPort());
    connector.setIdleTimeout(360_000);
    server.addConnector(connector);
    server.setHandler(handler);
    server.setErrorHandler(new JsonErrorHandler());
  }

  /** Client chains validated once are not validated again on every full handshake. */
  static TrustManager[] rememberValidatedChains(TrustManager[] managers) {
    TrustManager[] out = managers.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof X509ExtendedTrustManager x) {
        out[i] = new ValidatedClientChains(x, VALIDATED_CHAINS, Clock.systemUTC());
      }
    }
    return out;
  }

  public void start() throws Exception {
    server.start();
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
