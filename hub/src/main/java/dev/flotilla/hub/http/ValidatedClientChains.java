package dev.flotilla.hub.http;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The hub's trust manager with a memory of client certificate chains it has already validated.
 *
 * <p>Validating a client chain (PKIX path building and the CA's ECDSA signature on the certificate)
 * is about a fifth of a full TLS handshake's CPU here (docs/performance.md). A cluster presents the
 * same certificate on every full handshake until it renews, so when many clusters reconnect at once
 * (sites rebooted, the hub still up) the same chains are validated again and again. An exact chain
 * (byte for byte) that passed the delegate's checks is accepted again while its certificate is
 * within its validity dates; anything else goes to the delegate. The TLS handshake still verifies
 * the client's signature with the certificate's key on every handshake (possession of the key), and
 * revocation is the application's check, after TLS, as before. The memory is bounded: past {@code
 * capacity} chains it starts over.
 */
final class ValidatedClientChains extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;
  private final int capacity;
  private final Clock clock;
  private final Map<ByteBuffer, Boolean> validated = new ConcurrentHashMap<>();

  ValidatedClientChains(X509ExtendedTrustManager delegate, int capacity, Clock clock) {
    this.delegate = delegate;
    this.capacity = capacity;
    this.clock = clock;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType, () -> delegate.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, authType, () -> delegate.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, authType, () -> delegate.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  /** A delegate's check of a client chain. */
  @FunctionalInterface
  private interface Check {
    void run() throws CertificateException;
  }

  /** Accepts a remembered chain within its validity; else asks the delegate and remembers it. */
  private void check(X509Certificate[] chain, String authType, Check delegateCheck)
      throws CertificateException {
    ByteBuffer key = key(chain, authType);
    if (key != null && validated.containsKey(key) && withinValidity(chain)) {
      return;
    }
    delegateCheck.run();
    remember(key);
  }

  int size() {
    return validated.size();
  }

  private void remember(ByteBuffer key) {
    if (key == null) {
      return;
    }
    if (validated.size() >= capacity) {
      validated.clear();
    }
    validated.put(key, Boolean.TRUE);
  }

  /** Every certificate of the chain is within its validity dates now. */
  private boolean withinValidity(X509Certificate[] chain) {
    Date now = Date.from(clock.instant());
    try {
      for (X509Certificate c : chain) {
        c.checkValidity(now);
      }
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  /**
   * sha256 over the auth type and the chain's encodings, or null if there is nothing to remember.
   */
  private static ByteBuffer key(X509Certificate[] chain, String authType) {
    if (chain == null || chain.length == 0) {
      return null;
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(String.valueOf(authType).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      for (X509Certificate c : chain) {
        byte[] der = c.getEncoded();
        sha256.update(ByteBuffer.allocate(4).putInt(der.length).array());
        sha256.update(der);
      }
      return ByteBuffer.wrap(sha256.digest());
    } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
      return null;
    }
  }
}
