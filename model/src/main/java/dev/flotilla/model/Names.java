package dev.flotilla.model;

import java.util.regex.Pattern;

/** Kubernetes naming rules, used to validate cluster, bundle and label names. */
public final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

  private Names() {}

  /** An RFC 1123 label: what Kubernetes accepts as a namespace name. */
  public static boolean isDnsLabel(String s) {
    return s != null && DNS_LABEL.matcher(s).matches();
  }

  public static boolean isDnsSubdomain(String s) {
    return s != null && s.length() <= 253 && DNS_SUBDOMAIN.matcher(s).matches();
  }

  /** A label key: an optional DNS-subdomain prefix and '/', then a name of up to 63 characters. */
  public static boolean isLabelKey(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      String name = key.substring(slash + 1);
      return isDnsSubdomain(prefix) && LABEL_NAME.matcher(name).matches();
    }
    return LABEL_NAME.matcher(key).matches();
  }

  public static boolean isLabelValue(String value) {
    return value != null && value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  /** Throws with the field's name when {@code value} is not a DNS label. */
  public static String requireDnsLabel(String field, String value) {
    if (!isDnsLabel(value)) {
      throw new IllegalArgumentException(
          field
              + " must be a DNS label (lower-case letters, digits and '-', at most 63 characters, "
              + "starting and ending with a letter or digit), got: "
              + value);
    }
    return value;
  }
}
