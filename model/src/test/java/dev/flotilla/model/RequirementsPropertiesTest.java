package dev.flotilla.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Admission over reported facts, over a seeded generator: a cluster is admitted exactly when it
 * meets every requirement, each failed requirement gives one reason naming what is needed and what
 * the cluster has, and more capacity never loses admission.
 */
class RequirementsPropertiesTest {
  private static final List<String> ARCHES = List.of("arm64", "amd64", "arm", "");
  private static final List<String> DISTROS = List.of("k3s", "k0s", "microk8s", "");
  private static final List<String> RUNTIMES = List.of("wasmtime", "nvidia", "gvisor");
  private static final List<String> VERSIONS =
      List.of("v1.28.3+k3s1", "v1.29.0", "v1.30.4+k3s1", "v1.31.1", "", "garbage");

  private static Requirements requirements(Random r) {
    return new Requirements(
        subset(r, ARCHES.subList(0, 3)),
        r.nextBoolean() ? 0 : 256L * (1 + r.nextInt(16)),
        subset(r, RUNTIMES),
        subset(r, DISTROS.subList(0, 3)),
        r.nextBoolean() ? Optional.empty() : Optional.of(pick(r, VERSIONS.subList(0, 4))));
  }

  private static Facts facts(Random r) {
    return new Facts(
        pick(r, ARCHES),
        r.nextInt(5000),
        pick(r, VERSIONS),
        pick(r, DISTROS),
        subset(r, RUNTIMES),
        1 + r.nextInt(3),
        "dev");
  }

  @RepeatedTest(1000)
  void admittedExactlyWhenEveryRequirementIsMet(RepetitionInfo run) {
    Random r = new Random(run.getCurrentRepetition());
    Requirements req = requirements(r);
    Facts facts = facts(r);

    int failures = 0;
    if (!req.arch().isEmpty() && !req.arch().contains(facts.arch())) failures++;
    if (req.minMemoryMiB() > facts.memoryMiB()) failures++;
    for (String rc : req.runtimeClasses()) {
      if (!facts.runtimeClasses().contains(rc)) failures++;
    }
    if (!req.distros().isEmpty() && !req.distros().contains(facts.distro())) failures++;
    if (req.minKubernetesVersion().isPresent()) {
      Optional<KubeVersion> has = KubeVersion.tryParse(facts.kubernetesVersion());
      KubeVersion min = KubeVersion.parse(req.minKubernetesVersion().get());
      if (has.isEmpty() || has.get().compareTo(min) < 0) failures++;
    }

    Admission a = req.check(facts);
    String seed = "seed " + run.getCurrentRepetition() + ": " + req + " vs " + facts;
    assertThat(a.admitted()).as(seed).isEqualTo(failures == 0);
    if (a instanceof Admission.NotAdmitted n) {
      assertThat(n.reasons()).as(seed).hasSize(failures);
      assertThat(n.reasons()).as(seed).allSatisfy(s -> assertThat(s).contains("needs", "has"));
    }
  }

  @RepeatedTest(500)
  void moreMemoryNeverLosesAdmission(RepetitionInfo run) {
    Random r = new Random(run.getCurrentRepetition());
    Requirements req = requirements(r);
    Facts facts = facts(r);
    Facts bigger =
        new Facts(
            facts.arch(),
            facts.memoryMiB() + r.nextInt(4096),
            facts.kubernetesVersion(),
            facts.distro(),
            facts.runtimeClasses(),
            facts.nodes(),
            facts.agentVersion());
    if (req.check(facts).admitted()) {
      assertThat(req.check(bigger).admitted()).isTrue();
    }
  }

  @RepeatedTest(200)
  void noRequirementsAdmitEveryCluster(RepetitionInfo run) {
    assertThat(Requirements.NONE.check(facts(new Random(run.getCurrentRepetition()))).admitted())
        .isTrue();
  }

  @Test
  void theReasonSaysWhatIsNeededAndWhatTheClusterHas() {
    Requirements req = new Requirements(List.of(), 1024, List.of(), List.of(), Optional.empty());
    Facts small = new Facts("arm64", 512, "v1.30.0", "k3s", List.of(), 1, "dev");
    assertThat(req.check(small))
        .isInstanceOfSatisfying(
            Admission.NotAdmitted.class,
            n ->
                assertThat(n.message())
                    .isEqualTo("not admitted: needs 1024 MiB of memory, has 512"));
    assertThat(req.check(new Facts("arm64", 1024, "", "", List.of(), 1, "")).admitted()).isTrue();
  }

  private static String pick(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static List<String> subset(Random r, List<String> from) {
    List<String> out = new ArrayList<>();
    for (String s : from) {
      if (r.nextInt(3) == 0) {
        out.add(s);
      }
    }
    return out;
  }
}
