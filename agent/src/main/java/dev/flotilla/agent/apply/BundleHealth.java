package dev.flotilla.agent.apply;

import java.util.List;

/**
 * A bundle's health, rolled up from its objects: FAILED if any failed, PROGRESSING if any is not
 * yet current (in progress, terminating, missing), else READY.
 */
public record BundleHealth(State state, List<ObjectHealth> objects) {
  public enum State {
    READY,
    PROGRESSING,
    FAILED
  }

  public BundleHealth {
    objects = List.copyOf(objects);
  }

  public static BundleHealth of(List<ObjectHealth> objects) {
    State state = State.READY;
    for (ObjectHealth o : objects) {
      if (o.status() == ObjectHealth.Status.FAILED) {
        state = State.FAILED;
        break;
      }
      if (o.status() != ObjectHealth.Status.CURRENT) {
        state = State.PROGRESSING;
      }
    }
    return new BundleHealth(state, objects);
  }

  /** One line per object that is not current: what the status report and events show. */
  public List<String> messages() {
    return objects.stream()
        .filter(o -> o.status() != ObjectHealth.Status.CURRENT)
        .map(ObjectHealth::toString)
        .toList();
  }

  public boolean ready() {
    return state == State.READY;
  }
}
