package dev.flotilla.model;

import java.util.UUID;
import java.util.regex.Pattern;

/** The hub-assigned identity of an edge cluster; it is also the CN of its client certificate. */
public record ClusterId(String value) implements Comparable<ClusterId> {
  private static final Pattern FORM = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public ClusterId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a cluster id (lower-case letters, digits and '-', 1-63 characters): " + value);
    }
  }

  public static ClusterId random() {
    return new ClusterId("c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  @Override
  public int compareTo(ClusterId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
