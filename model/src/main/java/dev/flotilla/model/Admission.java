package dev.flotilla.model;

import java.util.List;

/** Whether a targeted cluster may run a bundle, and if not, why (for status and the CLI). */
public sealed interface Admission {
  Admitted ADMITTED = new Admitted();

  static Admission notAdmitted(List<String> reasons) {
    return new NotAdmitted(reasons);
  }

  default boolean admitted() {
    return this instanceof Admitted;
  }

  /** The cluster meets every requirement. */
  record Admitted() implements Admission {}

  /** The cluster matches the bundle's targets but lacks something it requires. */
  record NotAdmitted(List<String> reasons) implements Admission {
    public NotAdmitted {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a refusal needs a reason");
      }
    }

    public String message() {
      return "not admitted: " + String.join("; ", reasons);
    }
  }
}
