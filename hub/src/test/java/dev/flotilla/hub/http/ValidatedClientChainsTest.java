package dev.flotilla.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.pki.ClientCertificateMint;
import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.model.ClusterId;
import dev.flotilla.testkit.ManualClock;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatedClientChainsTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt(java.time.Instant.now().toString());
  ClientCertificateMint hub;
  Counting pkix;

  @BeforeEach
  void hubCa() throws Exception {
    Path pki = dir.resolve("hub");
    HubPki.loadOrCreate(pki, List.of("localhost"), Clock.systemUTC());
    hub = ClientCertificateMint.load(pki, Clock.systemUTC());
    pkix = new Counting(trusting(hub.ca()));
  }

  @Test
  void aChainValidatedOnceIsNotValidatedAgain() throws Exception {
    ValidatedClientChains tm = new ValidatedClientChains(pkix, 100, clock);
    X509Certificate[] chain = {cert(hub, "c-edge1")};
    tm.checkClientTrusted(chain, "EC", (SSLEngine) null);
    tm.checkClientTrusted(chain, "EC", (SSLEngine) null);
    tm.checkClientTrusted(chain, "EC", (SSLEngine) null);
    assertThat(pkix.calls).hasValue(1);
    tm.checkClientTrusted(new X509Certificate[] {cert(hub, "c-edge2")}, "EC", (SSLEngine) null);
    assertThat(pkix.calls).hasValue(2);
  }

  @Test
  void aChainFromAnotherCaIsRefusedEveryTime() throws Exception {
    Path other = dir.resolve("other");
    HubPki.loadOrCreate(other, List.of("localhost"), Clock.systemUTC());
    X509Certificate[] stranger = {
      cert(ClientCertificateMint.load(other, Clock.systemUTC()), "c-edge1")
    };
    ValidatedClientChains tm = new ValidatedClientChains(pkix, 100, clock);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> tm.checkClientTrusted(stranger, "EC", (SSLEngine) null))
          .isInstanceOf(CertificateException.class);
    }
    assertThat(pkix.calls).hasValue(2);
    assertThat(tm.size()).isZero();
  }

  @Test
  void pastItsValidityARememberedChainIsValidatedAgain() throws Exception {
    ManualClock now = ManualClock.startingAt(java.time.Instant.now().toString());
    ValidatedClientChains tm = new ValidatedClientChains(pkix, 100, now);
    X509Certificate[] chain = {cert(hub, "c-edge1")};
    tm.checkClientTrusted(chain, "EC", (SSLEngine) null);
    now.advance(Duration.ofDays(400)); // the client certificate lives 90 days
    tm.checkClientTrusted(chain, "EC", (SSLEngine) null); // the delegate decides (on its own time)
    assertThat(pkix.calls).hasValue(2);
  }

  @Test
  void remembersAtMostItsCapacity() throws Exception {
    ValidatedClientChains tm = new ValidatedClientChains(pkix, 3, clock);
    for (int i = 0; i < 10; i++) {
      tm.checkClientTrusted(new X509Certificate[] {cert(hub, "c-edge" + i)}, "EC", (Socket) null);
      assertThat(tm.size()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void theHubsConnectorWrapsItsTrustManagers() throws Exception {
    var wrapped = HttpsServer.rememberValidatedChains(new javax.net.ssl.TrustManager[] {pkix});
    assertThat(wrapped[0]).isInstanceOf(ValidatedClientChains.class);
  }

  static X509Certificate cert(ClientCertificateMint mint, String cluster) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return mint.issue(g.generateKeyPair().getPublic(), new ClusterId(cluster), Duration.ofDays(90));
  }

  static X509ExtendedTrustManager trusting(X509Certificate ca) throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", ca);
    TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
    f.init(ts);
    return (X509ExtendedTrustManager) f.getTrustManagers()[0];
  }

  /** The JDK's PKIX trust manager, counting the chains it is asked to validate. */
  static final class Counting extends X509ExtendedTrustManager {
    final X509ExtendedTrustManager real;
    final AtomicInteger calls = new AtomicInteger();

    Counting(X509ExtendedTrustManager real) {
      this.real = real;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, Socket s)
        throws CertificateException {
      calls.incrementAndGet();
      real.checkClientTrusted(c, a, s);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e)
        throws CertificateException {
      calls.incrementAndGet();
      real.checkClientTrusted(c, a, e);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException {
      calls.incrementAndGet();
      real.checkClientTrusted(c, a);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, Socket s)
        throws CertificateException {
      real.checkServerTrusted(c, a, s);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e)
        throws CertificateException {
      real.checkServerTrusted(c, a, e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
      real.checkServerTrusted(c, a);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return real.getAcceptedIssuers();
    }
  }
}
