package dev.flotilla.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes version's major.minor.patch, ignoring build suffixes such as {@code +k3s1}. */
public record KubeVersion(int major, int minor, int patch) implements Comparable<KubeVersion> {
  private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  public static KubeVersion parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () -> new IllegalArgumentException("not a Kubernetes version (e.g. v1.29): " + text));
  }

  public static Optional<KubeVersion> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return Optional.of(
        new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
  }

  @Override
  public int compareTo(KubeVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }
}
