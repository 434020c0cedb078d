package dev.flotilla.agent.kube;

import dev.flotilla.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who wrote which fields of an object, as one {@code metadata.managedFields} entry names it: the
 * manager, the operation ({@code Apply} or {@code Update}) and the subresource ({@code ""} for the
 * object itself, {@code scale} or {@code status}). The fields themselves are left out: the agent
 * only needs to say whose entries to drop.
 */
public record ManagedFieldsEntry(String manager, String operation, String subresource) {
  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  public ManagedFieldsEntry {
    manager = manager == null ? "" : manager;
    operation = operation == null ? "" : operation;
    subresource = subresource == null ? "" : subresource;
  }

  /** The entries of {@code object}, in the server's order (pure). */
  public static List<ManagedFieldsEntry> of(KubeObject object) {
    List<ManagedFieldsEntry> out = new ArrayList<>();
    if (object.at("metadata.managedFields").orElse(null) instanceof List<?> entries) {
      for (Object e : entries) {
        if (e instanceof Map<?, ?> m) {
          out.add(of(m));
        }
      }
    }
    return out;
  }

  /** One raw entry as the API serves it. */
  public static ManagedFieldsEntry of(Map<?, ?> raw) {
    return new ManagedFieldsEntry(
        text(raw.get("manager")), text(raw.get("operation")), text(raw.get("subresource")));
  }

  @Override
  public String toString() {
    return manager + "/" + operation + (subresource.isEmpty() ? "" : " (" + subresource + ")");
  }

  private static String text(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
