package dev.flotilla.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryTest {
  private final ObjectRef deployment = new ObjectRef("apps/v1", "Deployment", "edge", "web");
  private final ObjectRef namespace = new ObjectRef("v1", "Namespace", "", "edge");

  @Test
  void roundTripsThroughItsStringForm() {
    Inventory inventory = Inventory.of(List.of(deployment, namespace));

    List<String> strings = inventory.toStrings();

    assertThat(strings).containsExactly("apps/v1|Deployment|edge|web", "v1|Namespace||edge");
    assertThat(Inventory.fromStrings(strings)).isEqualTo(inventory);
  }

  @Test
  void rejectsMalformedEntries() {
    assertThatThrownBy(() -> Inventory.parseEntry("apps/v1|Deployment|web"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apps/v1|Deployment|web");
    assertThatThrownBy(() -> Inventory.parseEntry("apps/v1|Deployment|edge|"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isSortedAndFreeOfDuplicates() {
    Inventory inventory = Inventory.of(List.of(deployment, namespace, deployment));

    assertThat(inventory.entries()).containsExactly(deployment, namespace);
  }

  @Test
  void comparesObjectsWhateverTheirApiVersion() {
    Inventory inventory = Inventory.of(List.of(deployment, namespace));
    ObjectRef sameDeploymentOtherVersion =
        new ObjectRef("apps/v1beta2", "Deployment", "edge", "web");

    assertThat(inventory.contains(sameDeploymentOtherVersion)).isTrue();
    assertThat(inventory.missingFrom(List.of(sameDeploymentOtherVersion)))
        .containsExactly(namespace);
  }
}
