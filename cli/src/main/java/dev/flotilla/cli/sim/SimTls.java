package dev.flotilla.cli.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Mutual TLS for many simulated clusters through one {@link SSLContext}. Each connection presents
 * its own cluster's certificate (a key manager that looks the cluster up by socket), and each
 * cluster has its own TLS session to resume: the session cache is keyed by peer host, and every
 * cluster connects under its own cache key ({@code c<index>-e<epoch>.sim}; the real server name
 * goes in SNI). The key manager is asked for a certificate only in a full handshake (TLS 1.3
 * resumption skips client authentication), which is how full and resumed handshakes are told apart.
 * The server is trusted by the hub CA; its host name is not checked (the cache key is not its
 * name).
 */
final class SimTls {
  private final SSLContext context;
  private final Map<Socket, Credentials> handshaking = new ConcurrentHashMap<>();
  private final Map<String, Credentials> byAlias = new ConcurrentHashMap<>();
  private final String serverName;

  SimTls(X509Certificate ca, int sessionCacheSize, String serverName) {
    this.serverName = serverName;
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("hub-ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      context = SSLContext.getInstance("TLSv1.3");
      context.init(
          new javax.net.ssl.KeyManager[] {new ChoosingKeyManager()},
          tmf.getTrustManagers(),
          // not the default NativePRNG: it reads /dev/urandom under one global lock, which
          // serialises thousands of concurrent handshakes (seen in thread dumps of both sides)
          SecureRandom.getInstance("DRBG"));
      context.getClientSessionContext().setSessionCacheSize(sessionCacheSize);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the simulator: " + e.getMessage(), e);
    }
  }

  /** The outcome of a handshake: the socket, and whether it was a full one. */
  record Opened(SSLSocket socket, CountingSocket wire, boolean full) {}

  /** Connects {@code identity} to the hub and completes the handshake. */
  Opened connect(Identity identity, int index, int epoch, InetSocketAddress hub, int timeoutMillis)
      throws IOException {
    CountingSocket wire = new CountingSocket();
    wire.setTcpNoDelay(true);
    wire.setSoTimeout(timeoutMillis);
    wire.connect(hub, timeoutMillis);
    SSLSocket tls;
    try {
      tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(wire, "c" + index + "-e" + epoch + ".sim", hub.getPort(), true);
    } catch (IOException e) {
      wire.close();
      throw e;
    }
    SSLParameters params = tls.getSSLParameters();
    params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
    params.setEndpointIdentificationAlgorithm(null);
    tls.setSSLParameters(params);
    tls.setUseClientMode(true);
    Credentials creds = new Credentials(identity);
    handshaking.put(tls, creds);
    byAlias.put(identity.id(), creds);
    try {
      tls.startHandshake();
    } catch (IOException e) {
      tls.close();
      throw e;
    } finally {
      handshaking.remove(tls);
      byAlias.remove(identity.id(), creds);
    }
    return new Opened(tls, wire, creds.asked);
  }

  /** One connection's certificate and key, parsed only if the handshake asks for them. */
  private static final class Credentials {
    final Identity identity;
    volatile boolean asked;
    private X509Certificate cert;
    private PrivateKey key;

    Credentials(Identity identity) {
      this.identity = identity;
    }

    synchronized X509Certificate cert() {
      if (cert == null) {
        try {
          cert =
              (X509Certificate)
                  CertificateFactory.getInstance("X.509")
                      .generateCertificate(
                          new java.io.ByteArrayInputStream(identity.certificate()));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("corrupt certificate of " + identity.name(), e);
        }
      }
      return cert;
    }

    synchronized PrivateKey key() {
      if (key == null) {
        try {
          key =
              KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(identity.key()));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("corrupt key of " + identity.name(), e);
        }
      }
      return key;
    }
  }

  private final class ChoosingKeyManager extends X509ExtendedKeyManager {
    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      Credentials c = handshaking.get(socket);
      if (c == null) {
        return null;
      }
      c.asked = true;
      return c.identity.id();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      Credentials c = byAlias.get(alias);
      return c == null ? null : new X509Certificate[] {c.cert()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      Credentials c = byAlias.get(alias);
      return c == null ? null : c.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
