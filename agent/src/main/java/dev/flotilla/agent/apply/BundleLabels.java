package dev.flotilla.agent.apply;

import dev.flotilla.model.KubeObject;
import dev.flotilla.model.Names;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The marks Flotilla puts on and reads from objects (pure). {@value #BUNDLE} names the bundle that
 * applied an object: prune deletes only objects that still carry their bundle's label, so an object
 * another bundle or a person took over is left alone. {@value #PRUNE}{@code : }{@value
 * #PRUNE_DISABLED} on a live object keeps it from ever being pruned.
 */
public final class BundleLabels {
  public static final String BUNDLE = "flotilla.dev/bundle";
  public static final String PRUNE = "flotilla.dev/prune";
  public static final String PRUNE_DISABLED = "disabled";

  private BundleLabels() {}

  /** Fails unless {@code bundle} can be a label value (it becomes one on every object). */
  public static String requireValidBundleName(String bundle) {
    if (bundle == null || bundle.isEmpty() || !Names.isLabelValue(bundle)) {
      throw new IllegalArgumentException(
          "bundle name must be a label value (at most 63 letters, digits, '-', '_', '.'): "
              + bundle);
    }
    return bundle;
  }

  /** {@code object} labelled with its bundle (a copy). */
  public static KubeObject labelled(KubeObject object, String bundle) {
    if (bundle.equals(object.labels().get(BUNDLE))) {
      return object;
    }
    Map<String, Object> body = object.mutableBody();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta =
        (Map<String, Object>) body.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    @SuppressWarnings("unchecked")
    Map<String, Object> labels =
        (Map<String, Object>) meta.computeIfAbsent("labels", k -> new LinkedHashMap<>());
    labels.put(BUNDLE, bundle);
    return KubeObject.of(body);
  }

  public static boolean belongsTo(KubeObject live, String bundle) {
    return bundle.equals(live.labels().get(BUNDLE));
  }

  public static boolean pruneDisabled(KubeObject live) {
    return live.annotation(PRUNE).map(PRUNE_DISABLED::equals).orElse(false);
  }
}
