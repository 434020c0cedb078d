package dev.flotilla.agent.sync;

import dev.flotilla.agent.apply.BundleApplier;
import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.cache.Sealer;
import dev.flotilla.agent.cache.StoredDesired;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.status.StatusQueue;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.sign.DocumentSigner;
import dev.flotilla.protocol.sign.DocumentVerifier;
import dev.flotilla.protocol.sign.SigningKeys;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * An agent's local store holding one signed desired document with one bundle, an in-memory cluster,
 * and the agent's parts wired over them, with a hub address nothing answers on.
 */
final class StoreFixture {
  static final String CLUSTER = "c-test";
  static final String BUNDLE = "web";
  static final String MANIFESTS =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: edge
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-config
        namespace: edge
      data:
        mode: edge
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: edge
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: nginx:1.25
      """;

  final ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
  final InMemoryCluster cluster;
  final KeyPair hubKeys = SigningKeys.generate();
  final Path root;
  final SecretKeySpec key;
  final byte[] blob = MANIFESTS.getBytes(StandardCharsets.UTF_8);
  final Digest digest = Digest.of(blob);
  LocalStore store;
  StatusQueue status;

  StoreFixture(Path dir) throws IOException {
    this(dir, WorkloadSimulator.readyAtOnce());
  }

  StoreFixture(Path dir, WorkloadSimulator workloads) throws IOException {
    this.cluster = InMemoryCluster.builder().clock(clock).workloads(workloads).build();
    this.root = dir.resolve("state");
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) 3);
    this.key = new SecretKeySpec(k, "AES");
    reopen();
  }

  /** As after a restart: the store and the status queue read from disk again. */
  void reopen() throws IOException {
    store = LocalStore.open(root, new Sealer(key));
    status =
        store
            .status()
            .map(b -> StatusQueue.restore(b, clock))
            .orElseGet(() -> new StatusQueue(clock));
  }

  DesiredDocument document(long generation) {
    return new DesiredDocument(
        CLUSTER,
        generation,
        clock.instant(),
        List.of(new DesiredBundle(BUNDLE, "rev1", digest.hex(), BundleOptions.DEFAULT, List.of())));
  }

  /** Stores the document and its blob, as a pull from the hub would. */
  DesiredDocument storeDesired() throws IOException {
    DesiredDocument doc = document(1);
    store.saveBlob(digest, blob);
    store.saveDesired(new StoredDesired(new DocumentSigner(hubKeys).sign(doc), "etag-1"));
    return doc;
  }

  SignedDocument signedByAnotherHub(DesiredDocument doc) {
    return new DocumentSigner(SigningKeys.generate()).sign(doc);
  }

  Reconciler reconciler() {
    return new Reconciler(new BundleApplier(cluster, clock, clock::advance), store, status, clock);
  }

  DesiredSync desiredSync(HubClient hub) {
    return new DesiredSync(
        () -> hub, store, new DocumentVerifier(hubKeys.getPublic()), CLUSTER, status);
  }

  /** A hub client for an address nothing listens on. */
  static HubClient deadHub() throws Exception {
    return new HubClient("https://127.0.0.1:1", SSLContext.getDefault(), Duration.ofSeconds(30));
  }

  /** Flips one bit of the byte at {@code position} of a sealed file. */
  static void flip(Path file, int position) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[position] ^= 0x20;
    Files.write(file, bytes);
  }
}
