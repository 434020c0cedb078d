package dev.flotilla.hub.target;

import dev.flotilla.model.Admission;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import java.util.List;

/** Whether a bundle goes to a cluster (pure: labels and facts in, decision out). */
public sealed interface TargetDecision {
  /** No target of the bundle selects the cluster. */
  record NotTargeted() implements TargetDecision {}

  /** A target selects the cluster but the cluster lacks what the bundle requires. */
  record NotAdmitted(List<String> reasons) implements TargetDecision {
    public String message() {
      return "not admitted: " + String.join("; ", reasons);
    }
  }

  /** The cluster gets the bundle, through the named target (empty name for unnamed ones). */
  record Targeted(String targetName) implements TargetDecision {}

  static TargetDecision decide(BundleSpec bundle, Labels labels, Facts facts) {
    var target = bundle.firstMatchingTarget(labels);
    if (target.isEmpty()) {
      return new NotTargeted();
    }
    Admission admission = bundle.requires().check(facts);
    if (admission instanceof Admission.NotAdmitted n) {
      return new NotAdmitted(n.reasons());
    }
    return new Targeted(target.get().name());
  }
}
