package dev.flotilla.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code requires:} block of a bundle: gates on the facts an agent reports. Empty lists and
 * zero mean "no requirement".
 */
public record Requirements(
    List<String> arch,
    long minMemoryMiB,
    List<String> runtimeClasses,
    List<String> distros,
    Optional<String> minKubernetesVersion) {
  public static final Requirements NONE =
      new Requirements(List.of(), 0, List.of(), List.of(), Optional.empty());

  public Requirements {
    arch = List.copyOf(arch == null ? List.of() : arch);
    runtimeClasses = List.copyOf(runtimeClasses == null ? List.of() : runtimeClasses);
    distros = List.copyOf(distros == null ? List.of() : distros);
    minKubernetesVersion = minKubernetesVersion == null ? Optional.empty() : minKubernetesVersion;
    if (minMemoryMiB < 0) {
      throw new IllegalArgumentException("requires.minMemoryMiB must not be negative");
    }
    minKubernetesVersion.ifPresent(KubeVersion::parse);
  }

  /** Checks {@code facts} against every requirement and lists each one that fails (pure). */
  public Admission check(Facts facts) {
    List<String> reasons = new ArrayList<>();
    if (!arch.isEmpty() && !arch.contains(facts.arch())) {
      reasons.add("needs arch " + String.join("|", arch) + ", has " + orUnknown(facts.arch()));
    }
    if (minMemoryMiB > 0 && facts.memoryMiB() < minMemoryMiB) {
      reasons.add("needs " + minMemoryMiB + " MiB of memory, has " + facts.memoryMiB());
    }
    for (String rc : runtimeClasses) {
      if (!facts.runtimeClasses().contains(rc)) {
        reasons.add("needs runtime class " + rc + ", has " + facts.runtimeClasses());
      }
    }
    if (!distros.isEmpty() && !distros.contains(facts.distro())) {
      reasons.add(
          "needs distro " + String.join("|", distros) + ", has " + orUnknown(facts.distro()));
    }
    minKubernetesVersion.ifPresent(
        min -> {
          Optional<KubeVersion> has = KubeVersion.tryParse(facts.kubernetesVersion());
          if (has.isEmpty() || has.get().compareTo(KubeVersion.parse(min)) < 0) {
            reasons.add(
                "needs Kubernetes "
                    + min
                    + " or newer, has "
                    + orUnknown(facts.kubernetesVersion()));
          }
        });
    return reasons.isEmpty() ? Admission.ADMITTED : Admission.notAdmitted(reasons);
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }
}
